"""The Textual app: a thin layer that gathers input, calls the workbook and shows results."""
