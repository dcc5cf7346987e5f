"""A section of the annual report as a bar chart, drawn on the server as plain SVG.

Two bars per figure (this year dark, last year light), labelled with their numbers. The SVG
is an image with a title and a description that say what it shows, and the table beside it
on the page holds every number with a link to the complaints it counts: the chart is never
the only way to read a figure. The published form passes `published=True` and draws no
bar for a count under five, writing "fewer than 5" instead.
"""

from __future__ import annotations

from html import escape

from casework.domain.annual import Row, Section

BAR_H, GAP, LABEL_W, PLOT_W, RIGHT = 14, 12, 330, 260, 110
THIS_COLOUR, LAST_COLOUR = "#1d70b8", "#b1b4b6"


def charted_rows(section: Section) -> tuple[Row, ...]:
    """The counted figures worth drawing: not the working-day measures, not all-zero rows."""
    return tuple(r for r in section.rows if r.this_year.days is None and r.last_year.days is None
                 and ".days." not in r.key and (r.this_year.count or r.last_year.count))


def section_svg(section: Section, this_label: str, last_label: str, published: bool = False) -> str:
    """The SVG for one section, or "" when it has nothing to draw."""
    rows = charted_rows(section)
    if not rows:
        return ""
    top = max(max(r.this_year.count, r.last_year.count) for r in rows) or 1
    width = LABEL_W + PLOT_W + RIGHT
    height = 34 + len(rows) * (2 * BAR_H + GAP)
    ident = f"chart-{section.key}"
    described = "; ".join(f"{r.label}: {_shown(r.this_year.count, published)} in {this_label}, "
                          f"{_shown(r.last_year.count, published)} in {last_label}" for r in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="casework-chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, sans-serif" font-size="12">',
        f'<title id="{ident}-title">{escape(section.title)}: {escape(this_label)} against '
        f'{escape(last_label)}</title>',
        f'<desc id="{ident}-desc">{escape(described)}</desc>',
        _key(this_label, last_label),
    ]
    for i, row in enumerate(rows):
        y = 34 + i * (2 * BAR_H + GAP)
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H + 4}" text-anchor="end">'
                     f'{escape(_short(row.label))}</text>')
        for j, (count, colour) in enumerate(((row.this_year.count, THIS_COLOUR),
                                             (row.last_year.count, LAST_COLOUR))):
            parts.append(_bar(LABEL_W, y + j * BAR_H, count, top, colour, published))
    parts.append("</svg>")
    return "".join(parts)


def _key(this_label: str, last_label: str) -> str:
    return (f'<rect x="{LABEL_W}" y="6" width="12" height="12" fill="{THIS_COLOUR}"/>'
            f'<text x="{LABEL_W + 18}" y="16">{escape(this_label)}</text>'
            f'<rect x="{LABEL_W + 120}" y="6" width="12" height="12" fill="{LAST_COLOUR}"/>'
            f'<text x="{LABEL_W + 138}" y="16">{escape(last_label)}</text>')


def _bar(x: int, y: int, count: int, top: int, colour: str, published: bool) -> str:
    hidden = published and 0 < count < 5
    width = 0 if hidden else PLOT_W * count / top
    return (f'<rect x="{x}" y="{y}" width="{width:.1f}" height="{BAR_H - 2}" fill="{colour}"/>'
            f'<text x="{x + width + 4:.1f}" y="{y + BAR_H - 3}">{_shown(count, published)}</text>')


def _shown(count: int, published: bool) -> str:
    return "fewer than 5" if published and 0 < count < 5 else str(count)


def _short(label: str, most: int = 52) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"
