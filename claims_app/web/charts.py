"""Server-side SVG charts: geometry in Python, markup from autoescaped Jinja templates.

Charts are drawn on the server so pages need no JavaScript and pass a CSP without
``unsafe-inline``: colours and positions are SVG presentation attributes (fill=, x=), never
``style=``. Every piece of text (speaker names, labels) goes through Jinja's autoescaping,
so a name such as ``<script>`` is shown, not run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jinja2 import DictLoader, Environment
from markupsafe import Markup

KIND_COLOURS = {
    "direct": "#b8860b",
    "indirect": "#1f77b4",
    "paraphrase": "#3c8d2f",
    "assertion": "#a347b0",
}
KIND_ORDER = tuple(KIND_COLOURS)
# The frame every chart shares: accessible title and description, baseline, y gridlines.
_FRAME = """\
<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {{ w }} {{ h }}" \
role="img" tabindex="0" aria-labelledby="{{ uid }}-title {{ uid }}-desc">
<title id="{{ uid }}-title">{{ title }}</title>
<desc id="{{ uid }}-desc">{{ desc }}</desc>
<line x1="{{ left }}" y1="{{ base }}" x2="{{ w - right }}" y2="{{ base }}" stroke="#888"/>
{% for t in yticks %}
<line x1="{{ left - 4 }}" y1="{{ t.pos }}" x2="{{ w - right }}" y2="{{ t.pos }}" \
stroke="#e3e5ea"/>
<text x="{{ left - 6 }}" y="{{ t.pos + 4 }}" text-anchor="end" font-size="11" \
fill="#5b6475">{{ t.label }}</text>
{% endfor %}
{% block marks %}{% endblock %}
</svg>"""
_env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                   loader=DictLoader({"frame": _FRAME}))

WIDTH, HEIGHT = 760, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 16, 44


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


_TIMELINE = _env.from_string("""{% extends "frame" %}{% block marks %}
{% for b in bars %}
<rect x="{{ '%.1f' % b.x }}" y="{{ '%.1f' % b.y }}" width="{{ '%.1f' % b.width }}" \
height="{{ '%.1f' % b.height }}" fill="{{ b.fill }}"><title>{{ b.label }}</title></rect>
{% endfor %}
{% for t in xticks %}
<line x1="{{ '%.1f' % t.pos }}" y1="{{ base }}" x2="{{ '%.1f' % t.pos }}" y2="{{ base + 4 }}" \
stroke="#888"/>
<text x="{{ '%.1f' % t.pos }}" y="{{ base + 16 }}" text-anchor="middle" font-size="11" \
fill="#5b6475">{{ t.label }}</text>
{% endfor %}
{% for name, colour, x in legend %}
<rect x="{{ x }}" y="{{ h - 14 }}" width="10" height="10" fill="{{ colour }}"/>
<text x="{{ x + 14 }}" y="{{ h - 5 }}" font-size="11" fill="#1d2330">{{ name }}</text>
{% endfor %}
{% endblock %}""")

_LINES = _env.from_string("""{% extends "frame" %}{% block marks %}
{% for s in series %}
<polyline fill="none" stroke="{{ s.colour }}" stroke-width="2" points="{{ s.points }}">\
<title>{{ s.name }}</title></polyline>
{% endfor %}
{% for t in xticks %}
<text x="{{ '%.1f' % t.pos }}" y="{{ base + 16 }}" text-anchor="middle" font-size="11" \
fill="#5b6475">{{ t.label }}</text>
{% endfor %}
{% for s in series %}
<rect x="{{ s.legend_x }}" y="{{ h - 14 }}" width="10" height="10" fill="{{ s.colour }}"/>
<text x="{{ s.legend_x + 14 }}" y="{{ h - 5 }}" font-size="11" fill="#1d2330">{{ s.name }}\
</text>
{% endfor %}
{% endblock %}""")


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_label(index: int, *, with_month: bool) -> str:
    year, month = divmod(index, 12)
    return f"{dt.date(year, month + 1, 1):%b %Y}" if with_month else str(year)


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return -(-value // 10000) * 10000


def _y_ticks(top: int, base: float, plot_h: float) -> list[Tick]:
    return [Tick(base - plot_h * i / 4, str(top * i // 4)) for i in range(1, 5)]


def timeline_chart(
    title: str, points: Iterable[tuple[dt.date, str]], *, uid: str = "timeline"
) -> Markup:
    """Claims per month as stacked bars, coloured by claim kind, on a continuous time axis.

    ``points`` are (date, kind) pairs; undated claims are left out (the list below the
    chart shows them as "unknown"). Spans over 20 years are drawn per year instead.
    """
    return timeline_chart_from_counts(
        title, ((d, k, 1) for d, k in points if d is not None), uid=uid
    )


def timeline_chart_from_counts(
    title: str, counts_in: Iterable[tuple[dt.date, str, int]], *, uid: str = "timeline"
) -> Markup:
    """``timeline_chart`` from (date, kind, number of claims) triples, e.g. one per month and
    kind as a grouped query returns them, so a page never loads every claim to draw it.

    The drawing depends on its arguments alone, so recently drawn charts are remembered: a
    speaker page viewed again with unchanged counts costs a dictionary lookup."""
    return _timeline_chart_cached(title, tuple(counts_in), uid)


@functools.lru_cache(maxsize=256)
def _timeline_chart_cached(
    title: str, counts_in: tuple[tuple[dt.date, str, int], ...], uid: str
) -> Markup:
    dated = [(d, k, n) for d, k, n in counts_in if d is not None and n]
    if not dated:
        return Markup("")
    by_year = (max(_month(d) for d, _, _ in dated) - min(_month(d) for d, _, _ in dated)) > 240
    bucket = (lambda d: d.year) if by_year else _month
    counts: Counter[tuple[int, str]] = Counter()
    for d, k, n in dated:
        counts[(bucket(d), k)] += n
    first, last = min(b for b, _ in counts), max(b for b, _ in counts)
    n = last - first + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    totals: Counter[int] = Counter()
    for (b, _), c in counts.items():
        totals[b] += c
    top = _nice_max(max(totals.values()))
    slot = plot_w / n
    bar_w = max(1.0, min(slot * 0.8, 40.0))
    bars: list[Bar] = []
    for b in range(first, last + 1):
        y: float = base
        for kind in (*KIND_ORDER, *sorted({k for _, k in counts} - set(KIND_ORDER))):
            c = counts.get((b, kind), 0)
            if not c:
                continue
            h = plot_h * c / top
            y -= h
            when = str(b) if by_year else _month_label(b, with_month=True)
            bars.append(Bar(LEFT + slot * (b - first) + (slot - bar_w) / 2, y, bar_w, h,
                            KIND_COLOURS.get(kind, "#777"), f"{when}: {c} {kind}"))
    every = max(1, -(-n // 10))
    if by_year:
        xticks = [Tick(LEFT + slot * (b - first + 0.5), str(b))
                  for b in range(first, last + 1) if (b - first) % every == 0]
    else:
        xticks = [Tick(LEFT + slot * (b - first + 0.5), _month_label(b, with_month=n <= 24))
                  for b in range(first, last + 1)
                  if (n <= 24 and (b - first) % every == 0) or (n > 24 and b % 12 == 0)]
        if not xticks:
            xticks = [Tick(LEFT + slot * 0.5, _month_label(first, with_month=True))]
    kinds_present = [k for k in KIND_ORDER if any(kk == k for _, kk in counts)]
    legend = [(k, KIND_COLOURS[k], LEFT + i * 110) for i, k in enumerate(kinds_present)]
    unit = "year" if by_year else "month"
    desc = f"{sum(n for _, _, n in dated)} dated claims, counted per {unit}, coloured by kind."
    return Markup(_TIMELINE.render(
        w=WIDTH, h=HEIGHT, left=LEFT, right=RIGHT, base=base, uid=uid, title=title,
        desc=desc, bars=bars, xticks=xticks, yticks=_y_ticks(top, base, plot_h), legend=legend,
    ))


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[int]


def line_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], *, uid: str = "lines"
) -> Markup:
    """Several series over the same labelled steps as lines (the dashboard's progress)."""
    if not labels or not series:
        return Markup("")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    top = _nice_max(max(max(s.values, default=0) for s in series) or 1)
    n = len(labels)
    step = plot_w / max(1, n - 1)

    def x(i: int) -> float:
        return LEFT + (step * i if n > 1 else plot_w / 2)

    drawn = []
    for i, s in enumerate(series):
        points = " ".join(f"{x(j):.1f},{base - plot_h * v / top:.1f}"
                          for j, v in enumerate(s.values))
        drawn.append({"name": s.name, "colour": s.colour, "points": points,
                      "legend_x": LEFT + i * 180})
    every = max(1, -(-n // 8))
    xticks = [Tick(x(i), labels[i]) for i in range(0, n, every)]
    desc = "; ".join(f"{s.name}: {s.values[-1] if s.values else 0}" for s in series)
    return Markup(_LINES.render(
        w=WIDTH, h=HEIGHT, left=LEFT, right=RIGHT, base=base, uid=uid, title=title,
        desc=desc, series=drawn, xticks=xticks, yticks=_y_ticks(top, base, plot_h),
    ))
