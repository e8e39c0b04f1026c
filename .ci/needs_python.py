"""Run by sen-workbook.pyz before the app: an older Python gets one sentence, not a traceback.

(shiv runs this "preamble" after unpacking the file and before the app's entry point.)
"""

import sys

if sys.version_info < (3, 11):  # noqa: UP036  (this file runs under any Python)
    found = ".".join(str(part) for part in sys.version_info[:3])
    sys.stderr.write(
        f"sen-workbook: SEN Workbook needs Python 3.11 or newer and this is Python {found}; "
        "install a newer Python from python.org and run the file with it.\n"
    )
    raise SystemExit(2)
