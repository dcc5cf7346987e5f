"""The annual complaints report as CSV and as a PDF ready to publish.

Both are the published form: anonymised (no case, complaint or person named; the council
only) with every count from 1 to 4, and any sum or measure over so few, written "fewer
than 5" (`Figure.published`). The PDF is the web app's WeasyPrint path (`web.pdf`).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from casework.domain.annual import SMALL, AnnualReport
from casework.domain.annual import SOURCE as REGULATION
from casework.domain.annual import SOURCE_URL as REGULATION_URL
from casework.entrypoints.web.pdf import render_pdf
from casework.entrypoints.web.report_chart import section_svg
from casework.entrypoints.web.templating import environment


def csv_text(report: AnnualReport) -> str:
    """One line per figure: section, figure, this year, last year (published values)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "figure", "key", report.period.label, report.previous.label])
    for section in report.sections:
        for row in section.rows:
            writer.writerow([section.title, row.label, row.key, row.this_year.published(),
                             row.last_year.published()])
    return out.getvalue()


def published_html(report: AnnualReport, today: date | None = None) -> str:
    """The self-contained HTML the PDF is made from (styles and charts inline)."""
    charts = {s.key: section_svg(s, report.period.label, report.previous.label, published=True)
              for s in report.sections}
    return environment().get_template("reports/annual_pdf.html").render(
        report=report, charts=charts, small=SMALL, regulation=REGULATION,
        regulation_url=REGULATION_URL, made_on=today or date.today())


def pdf_bytes(report: AnnualReport, today: date | None = None) -> bytes:
    return render_pdf(published_html(report, today))
