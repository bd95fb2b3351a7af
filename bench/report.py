"""The benchmark's results: the table with ratios to the floor (a), the targets, Markdown."""

from __future__ import annotations

import re
import statistics
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from measure import Run

START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
LABELS = {
    "a": "(a) bare Scrapy: the floor",
    "a1": "(a1) stock Scrapy, LinkExtractor",
    "b": "(b) auditor: crawl, facts, rules, store",
    "w": "(w) auditor, 2 worker processes (jobs)",
    "c": "(c) LinkChecker",
    "m": "(m) auditor, memory run",
    "p": "(p) auditor, polite run",
    "pw": "(pw) auditor, polite run, 2 worker processes (jobs)",
    "x": "(x) auditor with the browser pass (axe-core)",
    "n": "(n) auditor without the web archive",
}


@dataclass
class Results:
    plan: object
    site_pages: int
    runs: dict[str, Run] = field(default_factory=dict)
    rounds: dict[str, list[Run]] = field(default_factory=dict)  # the compared runs, round by round
    versions: dict[str, str] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    polite_bound: float = 0.0
    archive_bytes_per_page: float = 0.0  # (b)'s WARC bytes per page, when (n) ran
    when: str = field(default_factory=lambda: datetime.now().strftime("%Y-%m-%d %H:%M"))

    def keep_median_rounds(self) -> None:
        """Each compared run's median round goes to ``runs`` (the table): by CPU per page, or by
        wall time for (w), whose target is a speed."""
        for key, made in self.rounds.items():
            measure = (lambda run: run.wall) if key == "w" else (lambda run: run.cpu_ms_per_page)
            self.runs[key] = sorted(made, key=measure)[(len(made) - 1) // 2]

    def paired(self, top: str, bottom: str, measure) -> tuple[float, list[float]]:
        """The median over the rounds of ``measure(top run) / measure(bottom run)``, each round's
        runs compared with each other (minutes apart), and the rounds' ratios."""
        tops, bottoms = self.rounds.get(top) or [self.runs[top]], self.rounds.get(bottom) or [self.runs[bottom]]
        ratios = [measure(t) / measure(b) for t, b in zip(tops, bottoms) if measure(b)]
        return (statistics.median(ratios) if ratios else 0.0), ratios

    def sites_of(self, key: str) -> int:
        plan = self.plan
        return {"m": plan.memory_sites, "p": plan.polite_sites, "pw": plan.polite_sites}.get(key, plan.sites)

    def expected_pages(self, key: str) -> int:
        pages = self.plan.polite_pages if key in ("p", "pw") else self.site_pages
        return self.sites_of(key) * pages

    def as_dict(self) -> dict:
        return {"when": self.when, "plan": asdict(self.plan), "machine": self.machine,
                "runs": {k: {**asdict(r), "samples": [asdict(s) for s in r.samples[-5:]]}
                         for k, r in self.runs.items()},
                "rounds": {k: [{"wall": r.wall, "cpu": r.cpu, "pages": r.pages} for r in made]
                           for k, made in self.rounds.items()},
                "polite_bound": self.polite_bound, "archive_bytes_per_page": self.archive_bytes_per_page,
                "notes": self.notes}


@dataclass
class Target:
    what: str
    limit: str
    measured: str
    met: bool | None  # None: not measured in this run


def _ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}×" if floor else "–"


def rows(results: Results) -> list[list[str]]:
    floor = results.runs.get("a")
    table = []
    for key, run in results.runs.items():
        server_share = 100 * run.server_cpu / run.wall if run.wall else 0
        table.append([
            LABELS[key], f"{results.sites_of(key)}", f"{run.pages}/{results.expected_pages(key)}",
            f"{run.wall:.1f}", f"{run.pages_per_second:.1f}",
            _ratio(run.pages_per_second, floor.pages_per_second) if floor else "–",
            f"{run.cpu_ms_per_page:.1f}", _ratio(run.cpu_ms_per_page, floor.cpu_ms_per_page) if floor else "–",
            f"{run.peak_rss_mb:.0f}", _ratio(run.peak_rss_mb, floor.peak_rss_mb) if floor else "–",
            f"{server_share:.0f}%", f"{run.others_cpu:.2f}",
        ])
    return table


HEADER = ["run", "sites", "pages fetched/expected", "wall s", "pages/s", "× (a)", "CPU ms/page",
          "× (a)", "peak RSS MB", "× (a)", "server CPU", "others' cores"]


def targets(results: Results) -> list[Target]:
    runs, plan = results.runs, results.plan
    a, b, c, m, p = (runs.get(k) for k in ("a", "b", "c", "m", "p"))
    found = []
    cpu = lambda run: run.cpu_ms_per_page  # noqa: E731
    if a and b:
        ratio, each = results.paired("b", "a", cpu)
        found.append(Target("CPU per page, auditor (b) / bare Scrapy (a)", "≤ 2.0×",
                            f"{ratio:.2f}× ({b.cpu_ms_per_page:.1f} / {a.cpu_ms_per_page:.1f} ms){_of_rounds(each)}",
                            ratio <= 2.0))
    w = runs.get("w")
    if b and w and b.pages_per_second:
        ratio, each = results.paired("w", "b", lambda run: run.pages_per_second)
        found.append(Target("pages per second, 2 workers (w) / one process (b)", "≥ 1.8×",
                            f"{ratio:.2f}× ({w.pages_per_second:.1f} / {b.pages_per_second:.1f}){_of_rounds(each)}",
                            ratio >= 1.8))
    if b and c:
        ratio = b.pages_per_second / c.pages_per_second
        found.append(Target("pages per second, auditor (b) / LinkChecker (c)", "≥ 3×",
                            f"{ratio:.2f}× ({b.pages_per_second:.0f} / {c.pages_per_second:.0f})", ratio >= 3))
    n = runs.get("n")
    if b and n and n.cpu_ms_per_page:
        ratio, each = results.paired("b", "n", cpu)
        found.append(Target("CPU per page with the web archive (b) / without it (n)", "≤ 1.15×",
                            f"{ratio:.2f}× ({b.cpu_ms_per_page:.1f} / {n.cpu_ms_per_page:.1f} ms){_of_rounds(each)}",
                            ratio <= 1.15))
    for key, how in (("p", ""), ("pw", ", 2 workers")):
        polite = runs.get(key)
        if polite and results.polite_bound:
            ratio = polite.wall / results.polite_bound
            found.append(Target(f"polite audit{how}, {plan.polite_sites} sites × {plan.polite_pages} pages at "
                                f"Crawl-delay {plan.polite_delay:g} s / politeness bound", "≤ 1.1×",
                                f"{ratio:.2f}× ({polite.wall:.0f} s / {results.polite_bound:.0f} s)",
                                ratio <= 1.1))
    if m:
        found.append(Target(f"peak RSS at {m.pages:,} pages", "≤ 300 MB", f"{m.peak_rss_mb:.0f} MB",
                            m.peak_rss_mb <= 300))
        at_checkpoint = m.rss_at(plan.memory_checkpoint)
        if at_checkpoint:
            ratio = m.peak_rss_mb / at_checkpoint
            found.append(Target(f"RSS at {m.pages:,} pages (peak) / RSS at {plan.memory_checkpoint:,}, same run",
                                "≤ 1.3×", f"{ratio:.2f}× ({m.peak_rss_mb:.0f} / {at_checkpoint:.0f} MB)",
                                ratio <= 1.3))
        if b:
            ratio = m.peak_rss_mb / b.peak_rss_mb
            found.append(Target(f"peak RSS, audit of {m.pages:,} pages (m) / of {b.pages:,} pages (b)",
                                "≤ 1.3×", f"{ratio:.2f}× ({m.peak_rss_mb:.0f} / {b.peak_rss_mb:.0f} MB)",
                                ratio <= 1.3))
    return found


def _of_rounds(ratios: list[float]) -> str:
    """The rounds a median was taken over, when there were several."""
    if len(ratios) < 2:
        return ""
    return f"; median of {len(ratios)} rounds: " + ", ".join(f"{r:.2f}×" for r in ratios)


def rounds_table(results: Results) -> list[list[str]]:
    """One line per round: each compared run's figure and the ratios the targets take the median of."""
    made = results.rounds
    count = max((len(runs) for runs in made.values()), default=0)
    if count < 2:
        return []
    table = []
    for index in range(count):
        run = {key: runs[index] for key, runs in made.items() if index < len(runs)}
        row = [str(index + 1)]
        for key, measure, unit in (("a", "cpu_ms_per_page", "ms"), ("b", "cpu_ms_per_page", "ms"),
                                   ("n", "cpu_ms_per_page", "ms"), ("b", "wall", "s"), ("w", "wall", "s")):
            row.append(f"{getattr(run[key], measure):.1f} {unit}" if key in run else "–")
        for top, bottom, measure in (("b", "a", "cpu_ms_per_page"), ("b", "n", "cpu_ms_per_page"),
                                     ("w", "b", "pages_per_second")):
            ok = top in run and bottom in run and getattr(run[bottom], measure)
            row.append(f"{getattr(run[top], measure) / getattr(run[bottom], measure):.2f}×" if ok else "–")
        table.append(row)
    return table


ROUNDS_HEADER = ["round", "(a) CPU/page", "(b) CPU/page", "(n) CPU/page", "(b) wall", "(w) wall",
                 "(b)/(a) CPU", "(b)/(n) CPU", "(w)/(b) pages/s"]


def _plain(header: list[str], body: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    line = lambda row: "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                                 for i, (cell, w) in enumerate(zip(row, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, body)])


def _markdown(header: list[str], body: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(out)


def _target_rows(results: Results) -> list[list[str]]:
    verdict = {True: "met", False: "**missed**", None: "–"}
    return [[t.what, t.limit, t.measured, verdict[t.met]] for t in targets(results)]


def render_table(results: Results) -> str:
    text = _plain(HEADER, rows(results))
    target_rows = _target_rows(results)
    if rounds_table(results):
        text += "\n\n" + _plain(ROUNDS_HEADER, rounds_table(results))
    if target_rows:
        text += "\n\n" + _plain(["target", "limit", "measured", ""],
                                [[c.replace("*", "") for c in row] for row in target_rows])
    for note in results.notes:
        text += f"\nnote: {note}"
    return text


def render_markdown(results: Results) -> str:
    plan = results.plan
    mode = "quick mode (proves the script works; the figures mean little)" if plan.quick else "full run"
    parts = [
        f"Measured {results.when}, {mode}: `python bench/run.py"
        + (" --quick" if plan.quick else "") + "`.",
        "",
        "| machine | |", "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in results.machine.items()],
        "",
        f"Province: {plan.sites} commune sites × {results.site_pages} pages (60–100 KB, 300–500 links "
        f"each); memory run {plan.memory_sites} sites; polite run {plan.polite_sites} sites × "
        f"{plan.polite_pages} pages at robots.txt `Crawl-delay: {plan.polite_delay:g}`. "
        "CPU is user + system time of the tool's process tree; pages are HTML pages fetched with "
        "status 200 (from the server's access log); server CPU is the server's share of one core "
        "during the run; others' cores is how many cores other work on the machine kept busy on "
        "average meanwhile (wall times are only comparable when it is near 0).",
        "",
        _markdown(HEADER, rows(results)),
        "",
        _markdown(["target", "limit", "measured", ""], _target_rows(results)),
    ]
    if rounds_table(results):
        parts += ["", "The compared runs, round by round (the table above shows each run's median "
                  "round; each target is the median of its rounds' ratios):", "",
                  _markdown(ROUNDS_HEADER, rounds_table(results))]
    m = results.runs.get("m")
    if m and m.samples:
        marks = sorted({plan.memory_checkpoint // 2, plan.memory_checkpoint, 2 * plan.memory_checkpoint,
                        3 * plan.memory_checkpoint})
        seen = [(mark, m.rss_at(mark)) for mark in marks if m.rss_at(mark)]
        parts += ["", "Memory run, RSS as pages are stored: "
                  + ", ".join(f"{mark:,} pages {rss:.0f} MB" for mark, rss in seen)
                  + f"; peak {m.peak_rss_mb:.0f} MB."]
    p = results.runs.get("p")
    if p and p.spacing:
        median, low, most = p.spacing
        parts += ["", f"Polite run: {p.requests:,} requests ({p.pages:,} pages, the rest robots.txt, "
                  f"sitemap and the http/https probe), at most {most} to one site; gap between two "
                  f"requests to a site: median {median:.2f} s, 10th percentile {low:.2f} s "
                  f"(Crawl-delay {plan.polite_delay:g} s); CPU {p.cpu:.0f} s in {p.wall:.0f} s "
                  f"({100 * p.cpu / p.wall:.0f}% of one core)."]
    parts += [f"- {note}" for note in results.notes]
    return "\n".join(parts)


def write_markdown(path: Path, section: str) -> None:
    """Replace the measured section of ``path``; the hand-written text around it stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = f"{START}\n{section}\n{END}"
    if path.exists() and START in path.read_text(encoding="utf-8"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = f"# Benchmarks\n\n{block}\n"
    path.write_text(text, encoding="utf-8")
