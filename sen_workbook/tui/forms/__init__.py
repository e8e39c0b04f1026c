"""Forms that add and edit the workbook's records, and the questions they ask.

``EntryForm`` and ``ChildForm`` save themselves and dismiss with the saved record
(``None`` when cancelled); ``ConfirmScreen`` asks a yes/no question; ``AttachmentsScreen``
changes the files of a saved entry.
"""

from sen_workbook.tui.forms.attachments import AttachmentsScreen
from sen_workbook.tui.forms.child_form import ChildForm
from sen_workbook.tui.forms.confirm import ConfirmScreen
from sen_workbook.tui.forms.entry_form import EntryForm

__all__ = ["AttachmentsScreen", "ChildForm", "ConfirmScreen", "EntryForm"]
