"""HTML to PDF with WeasyPrint, for the printable letters.

WeasyPrint lays the page out itself (with Pango, from Debian: scripts/bootstrap installs
it), so the PDF does not depend on a browser. A letter's styles are inside its HTML and
it links nothing, so nothing is ever fetched: not a file, not the network.
"""

from __future__ import annotations

from typing import NoReturn


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"a letter links nothing; refused to fetch {url}")


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML document."""
    from weasyprint import HTML  # imported when first used: it loads Pango

    pdf: bytes = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
    return pdf
