"""Forms that add and edit the workbook's records, and their fields.

Empty on purpose: each form is imported from its own module (``child_form``,
``entry_form``), so opening a question or a dialog does not load every form.
"""
