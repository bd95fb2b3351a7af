"""The overview's charts as geometry for inline SVG: pure numbers and strings, drawn by the
template (reports/templates/_charts.html), so every label is escaped like the rest of the page.

Readable in print: every bar carries its number and, for scores, the verdict in words, so
nothing depends on colour alone; fills are presentation attributes (not CSS), which both
browsers and WeasyPrint draw; the palette keeps the three severities apart in greyscale
(dark, middle, light).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.judge.findings import SEVERITIES
from auditor.reports.i18n import SEVERITY, pick, word

WIDTH = 720
LABEL_WIDTH = 250  # the unit's name
BAR_X = 258
BAR_WIDTH = 330  # 100 points, or the largest family total
ROW = 24
BAR_HEIGHT = 15
TOP = 30  # room for the axis or the legend
LABEL_CHARS = 38

VERDICT_FILL = {"compliant": "#2f6b3a", "largely": "#b7791f", "noncompliant": "#9b2c2c"}
SEVERITY_FILL = {"error": "#7f1d1d", "warning": "#d69e2e", "info": "#cbd5e0"}
SEVERITY_INK = {"error": "#ffffff", "warning": "#1a202c", "info": "#1a202c"}  # text on the fill


@dataclass
class Bar:
    label: str
    title: str  # the full name, for the tooltip and screen readers
    y: int
    width: float
    fill: str
    value_text: str
    value_x: float
    href: str = ""


@dataclass
class BarChart:
    title: str
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (x, label) of the axis
    grid_bottom: int
    width: int = WIDTH
    bar_x: int = BAR_X
    bar_height: int = BAR_HEIGHT


@dataclass
class Segment:
    x: float
    width: float
    fill: str
    ink: str
    text: str  # the count, or "" when the segment is too narrow to hold it


@dataclass
class StackedRow:
    label: str
    title: str
    y: int
    segments: list[Segment]
    total_text: str
    total_x: float


@dataclass
class StackedChart:
    title: str
    height: int
    rows: list[StackedRow]
    legend: list[tuple[float, str, str]] = field(default_factory=list)  # (x, fill, label)
    empty_text: str = ""
    width: int = WIDTH
    bar_x: int = BAR_X
    bar_height: int = BAR_HEIGHT


def clip(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def score_chart(rows, lang: str) -> BarChart:
    """One bar per site, in rank order: its score out of 100 and its verdict in words."""
    bars = []
    for index, row in enumerate(rows):
        score, site = row.score, row.site
        width = BAR_WIDTH * (score.value or 0) / 100
        if score.value is None:
            text = word("score_unknown", lang)
        else:
            text = f"{score.value} · {row.report.verdict_label}"
        bars.append(Bar(label=clip(site.name), title=site.name, y=TOP + index * ROW, width=width,
                        fill=VERDICT_FILL.get(score.verdict, "#718096"), value_text=text,
                        value_x=BAR_X + width + 6, href=row.href))
    ticks = [(BAR_X + BAR_WIDTH * value / 100, str(value)) for value in (0, 25, 50, 75, 100)]
    height = TOP + len(rows) * ROW + 6
    return BarChart(title=word("chart_scores", lang), height=height, bars=bars, ticks=ticks,
                    grid_bottom=height - 4)


def family_chart(reports, families: list[tuple[str, str]], lang: str) -> StackedChart:
    """One stacked bar per family: its open findings over all sites, by severity."""
    totals = {code: {sev: 0 for sev in SEVERITIES} for code, _ in families}
    for report in reports:
        for family in report.issues:
            for item in family.issues:
                totals.setdefault(family.code, {sev: 0 for sev in SEVERITIES})
                totals[family.code][item.severity if item.severity in SEVERITIES else "error"] += 1
    largest = max((sum(counts.values()) for counts in totals.values()), default=0)
    legend = [(BAR_X + i * 110, SEVERITY_FILL[sev], pick(SEVERITY[sev], lang)) for i, sev in enumerate(SEVERITIES)]
    chart = StackedChart(title=word("chart_families", lang), height=TOP + len(families) * ROW + 6,
                         rows=[], legend=legend)
    if not largest:
        chart.empty_text = word("chart_no_data", lang)
    for index, (code, name) in enumerate(families):
        chart.rows.append(stacked_row(code, name, totals.get(code, {}), largest, TOP + index * ROW))
    return chart


def stacked_row(code: str, name: str, counts: dict[str, int], largest: int, y: int) -> StackedRow:
    x, segments = float(BAR_X), []
    for sev in SEVERITIES:
        n = counts.get(sev, 0)
        if not n:
            continue
        width = BAR_WIDTH * n / largest
        segments.append(Segment(x=x, width=width, fill=SEVERITY_FILL[sev], ink=SEVERITY_INK[sev],
                                text=str(n) if width >= 7 * len(str(n)) + 6 else ""))
        x += width
    total = sum(counts.values())
    return StackedRow(label=clip(f"{code} · {name}"), title=f"{code}: {name}", y=y, segments=segments,
                      total_text=str(total), total_x=x + 6)
