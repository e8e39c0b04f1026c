"""``python -m sen_workbook`` runs the same command line as ``sen-workbook``."""

from sen_workbook.cli import main

raise SystemExit(main())
