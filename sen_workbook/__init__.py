"""SEN Workbook: a private journal and evidence builder for families of children with SEN."""

__version__ = "0.1.0"
