"""Plans as Excel workbooks: written for an officer to fill, read back with findings at cells.

`columns` holds the workbook's layout as data (`data/excel/workbook.json`); `write` makes
a workbook of a plan (XlsxWriter); `read` reads a filled one into the plan model, every
problem a finding at its cell (openpyxl, read-only, values only); `guard` refuses what is
not a workbook, or one too big to open, before openpyxl sees it.
"""
