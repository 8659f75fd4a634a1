"""Plans as Excel workbooks: written for an officer to fill, read back with findings at cells.

`columns` holds the workbook's layout as data (`data/excel/workbook.json`); `write` makes
a workbook of a plan (XlsxWriter); `guard` refuses what is not a workbook, or one too big
to open, before openpyxl sees it; `report` writes the report's annex as a workbook. The
reader, a filled workbook into the plan model with every problem at its cell, is
`tuyengiao.read.workbook`: one of the readers behind `tuyengiao.read.read_file`.
"""
