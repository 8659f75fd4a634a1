"""Consolidated reports: a typed context computed once, rendered to Markdown, HTML, Word or JSON.

Kept free of imports so the CLI can name the formats without loading Jinja.
"""

#: The formats of `tuyengiao report --format`.
FORMATS = ("md", "html", "docx", "xlsx", "json")
