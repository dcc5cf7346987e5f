"""A breach-rate chart as plain SVG: one line per rule, one point per month (all councils).

Hand-written SVG keeps the chart dependency-free and readable in any browser; each point
has a <title> with its counts, so hovering shows the numbers behind the line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import numpy as np

WIDTH, HEIGHT = 760, 360
LEFT, RIGHT, TOP, BOTTOM = 60, 200, 40, 50
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#85994b", "#b58840", "#28a197")


def breach_rate_svg(totals: dict[tuple[str, np.datetime64], tuple[int, int]], path: Path,
                    title: str = "Breach rate by month the clock fell due") -> Path:
    months = sorted({m for _, m in totals}, key=lambda m: m.astype(np.int64))
    rules = sorted({r for r, _ in totals})
    rates = {k: (b / c if c else 0.0) for k, (c, b) in totals.items()}
    top = max([0.05, *rates.values()])
    top = float(np.ceil(top * 25) / 25)  # round up to a multiple of 4%, so each gridline is whole
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / max(len(months) - 1, 1))

    def y(rate: float) -> float:
        return TOP + plot_h * (1 - rate / top)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Arial, sans-serif" font-size="12" role="img">',
             f"<title>{escape(title)}</title>",
             f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{escape(title)}</text>']
    for step in range(5):
        rate = top * step / 4
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(rate):.1f}" y2="{y(rate):.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y(rate) + 4:.1f}" text-anchor="end">{rate:.0%}</text>')
    for i, month in enumerate(months):
        if len(months) <= 13 or i % 2 == 0:
            parts.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">'
                         f'{str(month)[2:]}</text>')
    for k, rule in enumerate(rules):
        colour = COLOURS[k % len(COLOURS)]
        points = [(i, rates[(rule, m)], totals[(rule, m)]) for i, m in enumerate(months) if (rule, m) in totals]
        line = " ".join(f"{x(i):.1f},{y(r):.1f}" for i, r, _ in points)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{line}"/>')
        for i, r, (clocks, breaches) in points:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(r):.1f}" r="3" fill="{colour}">'
                         f"<title>{escape(rule)} {months[i]}: {breaches} of {clocks} clocks breached "
                         f"({r:.1%})</title></circle>")
        ly = TOP + 16 + 20 * k
        parts.append(f'<line x1="{WIDTH - RIGHT + 15}" x2="{WIDTH - RIGHT + 35}" y1="{ly - 4}" y2="{ly - 4}" '
                     f'stroke="{colour}" stroke-width="3"/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 40}" y="{ly}">{escape(rule)}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 8}" text-anchor="middle">'
                 "month the clock fell due (latest due date)</text>")
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path
