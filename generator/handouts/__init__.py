"""Printable handouts: one PDF per option and per comparison table, each step-by-step guide
as a printed flowchart with its steps in words, and a sheet per tool (diary, block log,
questions, appointment, what matters) to fill in with a pen.

    Content --documents--> HTML (Jinja, our own print CSS) --pdf--> PDF, kept in rendered/handouts-cache/

`documents.py` is the one list of handouts and renders each to HTML; `fetcher.py` lets
WeasyPrint read only the fonts and files of this package and the project; `pdf.py` lays the
HTML out into a PDF; `cache.py` keeps each PDF under a hash of everything it is made from;
`stage.py` is the build stage that ties them together.
"""
