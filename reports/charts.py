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
from auditor.reports.i18n import SEVERITY, VERDICT, pick, word

WIDTH = 720
LABEL_WIDTH = 250  # the unit's name
BAR_X = 258
BAR_WIDTH = 330  # 100 points, or the largest family total
ROW = 24
BAR_HEIGHT = 15
TOP = 30  # room for the axis or the legend
LABEL_CHARS = 38

VERDICT_FILL = {"compliant": "#2f6b3a", "largely": "#b7791f", "noncompliant": "#9b2c2c",
                "unassessed": "#a0aec0"}
VERDICT_INK = {"compliant": "#ffffff", "largely": "#1a202c", "noncompliant": "#ffffff", "unassessed": "#1a202c"}
SITE_BARS_LIMIT = 40  # beyond, one bar per site is unreadable: a histogram and a chart per unit
LEGEND_CHAR = 6.6  # the width of a character of the 12px legend, for spacing its entries
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
    for report in reports:  # reports/overview.py's SiteSummary
        for code, severities in report.family_severities.items():
            totals.setdefault(code, {sev: 0 for sev in SEVERITIES})
            for severity, findings in severities.items():
                totals[code][severity if severity in SEVERITIES else "error"] += findings
    largest = max((sum(counts.values()) for counts in totals.values()), default=0)
    legend = legend_row([(SEVERITY_FILL[sev], pick(SEVERITY[sev], lang)) for sev in SEVERITIES])
    chart = StackedChart(title=word("chart_families", lang), height=TOP + len(families) * ROW + 6,
                         rows=[], legend=legend)
    if not largest:
        chart.empty_text = word("chart_no_data", lang)
    for index, (code, name) in enumerate(families):
        chart.rows.append(stacked_row(code, name, totals.get(code, {}), largest, TOP + index * ROW))
    return chart


def legend_row(entries: list[tuple[str, str]], x: float = BAR_X) -> list[tuple[float, str, str]]:
    """(x, fill, label) of each legend entry, spaced by the length of the previous label."""
    placed = []
    for fill, label in entries:
        placed.append((round(x, 1), fill, label))
        x += 17 + LEGEND_CHAR * len(label) + 14
    return placed


def stacked_row(code: str, name: str, counts: dict[str, int], largest: int, y: int,
                fills: dict = SEVERITY_FILL, inks: dict = SEVERITY_INK, label: str = "",
                total_text: str = "") -> StackedRow:
    x, segments = float(BAR_X), []
    for key, fill in fills.items():
        n = counts.get(key, 0)
        if not n:
            continue
        width = BAR_WIDTH * n / largest
        segments.append(Segment(x=x, width=width, fill=fill, ink=inks[key],
                                text=str(n) if width >= 7 * len(str(n)) + 6 else ""))
        x += width
    total = sum(counts.values())
    return StackedRow(label=clip(label or f"{code} · {name}"), title=f"{code}: {name}", y=y, segments=segments,
                      total_text=total_text or str(total), total_x=x + 6)


# -- charts that stay readable at the scale of the country -----------------------------------
def round_scale(value: int) -> tuple[int, int]:
    """(top, step) of an axis for counts up to ``value``: a round step (1, 2 or 5 times a power
    of ten) giving at most five intervals, and the first multiple of it at or above ``value``."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * power
            if value <= 5 * step:
                return max(step, -(-value // step) * step), step
        power *= 10


HISTOGRAM_BINS = ((90, 100), (80, 89), (70, 79), (60, 69), (50, 59), (40, 49), (30, 39), (20, 29),
                  (10, 19), (0, 9))


def score_histogram(scores: list[int | None], lang: str) -> BarChart:
    """How many sites score in each band of ten points, best band first, then those not scored."""
    bands = [(f"{low}–{high}", sum(1 for s in scores if s is not None and low <= s <= high),
              VERDICT_FILL["compliant"] if low >= 90 else "#4a5568") for low, high in HISTOGRAM_BINS]
    bands.append((word("score_unknown", lang), sum(1 for s in scores if s is None), VERDICT_FILL["unassessed"]))
    largest, step = round_scale(max((n for _, n, _ in bands), default=0))
    unit = word("hist_sites", lang)
    bars = [Bar(label=label, title=f"{label}: {n} {unit}", y=TOP + index * ROW,
                width=BAR_WIDTH * n / largest, fill=fill, value_text=f"{n} {unit}",
                value_x=BAR_X + BAR_WIDTH * n / largest + 6) for index, (label, n, fill) in enumerate(bands)]
    ticks = [(BAR_X + BAR_WIDTH * n / largest, str(n)) for n in range(0, largest + 1, step)]
    height = TOP + len(bands) * ROW + 6
    return BarChart(title=word("chart_histogram", lang), height=height, bars=bars, ticks=ticks,
                    grid_bottom=height - 4)


def unit_chart(units, lang: str) -> StackedChart:
    """One stacked bar per parent unit: its sites by verdict, its mean score after the bar."""
    verdict_counts = [unit.figures.verdicts for unit in units]
    largest = max((sum(v.values()) for v in verdict_counts), default=0)
    legend = legend_row([(VERDICT_FILL[v], pick(VERDICT[v], lang)) for v in VERDICT_FILL], x=10)
    chart = StackedChart(title=word("chart_units", lang), height=TOP + len(units) * ROW + 6, rows=[],
                         legend=legend, bar_x=BAR_X)
    mean_word = word("mean_short", lang)
    for index, unit in enumerate(units):
        mean = f"{unit.figures.mean_score}" if unit.figures.mean_score is not None else "—"
        chart.rows.append(stacked_row(unit.name, f"{unit.figures.sites}", unit.figures.verdicts,
                                      largest or 1, TOP + index * ROW, VERDICT_FILL, VERDICT_INK,
                                      label=unit.name, total_text=f"{mean_word} {mean}"))
    return chart


@dataclass
class TrendSeries:
    label: str
    stroke: str
    dash: str  # "" solid; dashes keep the two lines apart in greyscale
    marker: str  # circle | square
    points: list[tuple[float, float, str]]  # (x, y, value text)

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class TrendChart:
    title: str
    series: list[TrendSeries]
    x_labels: list[tuple[float, str, str]]  # (x, audit, date)
    ticks: list[tuple[float, str]]  # (y, label) of the 0-100 axis
    legend: list[tuple[float, str, str]]
    width: int = WIDTH
    height: int = 230
    left: int = 60
    right: int = WIDTH - 40
    top: int = 40
    bottom: int = 180


def trend_chart(points, lang: str) -> TrendChart:
    """Mean score and share of sites passing, per audit, on one 0-100 axis: both are shares of
    a whole, so one scale reads both; each point carries its number."""
    chart = TrendChart(title=word("chart_trend", lang), series=[], x_labels=[], ticks=[], legend=[])
    span = chart.bottom - chart.top
    y_of = lambda value: chart.bottom - span * value / 100  # noqa: E731
    inset = 50  # room for a point's number, clear of the axis and the edge
    step = (chart.right - chart.left - 2 * inset) / max(len(points) - 1, 1)
    xs = [chart.left + inset + step * i if len(points) > 1 else (chart.left + chart.right) / 2
          for i in range(len(points))]
    mean = TrendSeries(word("trend_mean", lang), "#1e3a5f", "", "circle",
                       [(x, y_of(p.mean_score or 0), f"{p.mean_score}" if p.mean_score is not None else "—")
                        for x, p in zip(xs, points)])
    passing = TrendSeries(word("trend_passing", lang), "#2f6b3a", "6 4", "square",
                          [(x, y_of(p.passing_share), f"{p.passing} ({p.passing_share:.0f}%)")
                           for x, p in zip(xs, points)])
    chart.series = [mean, passing]
    chart.x_labels = [(x, f"#{p.audit_id}", p.date) for x, p in zip(xs, points)]
    chart.ticks = [(y_of(v), str(v)) for v in (0, 25, 50, 75, 100)]
    chart.legend = legend_row([(s.stroke, s.label) for s in chart.series], x=chart.left)
    return chart
