"""Benchmark of the auditor against bare Scrapy and LinkChecker, on a synthetic province.

    python bench/run.py            # the full run (about 30 minutes on 2 cores), writes docs/BENCHMARKS.md
    python bench/run.py --quick    # about a minute: proves the script works, no timing assertion
    python bench/run.py --sites 10 --pages 500 --only a,b,c --rounds 1

Generates the province (``synth.py``), serves it on 127.0.0.1 (``serve.py``: nginx, or an
asyncio server), and measures, one after the other on the same sites:

  a   bare Scrapy following links with the auditor's settings and no extraction: the floor
  a1  stock Scrapy (LinkExtractor, duplicate filter), for reference; only with --only
  b   the full auditor, as `auditor audit --workers 1` runs it: crawl, facts, rules, store, outputs
  w   the same with `--workers 2`: two worker processes, the sites (one port each) bundled into 4 jobs
  c   LinkChecker from PyPI over the same sites
  m   memory: the auditor over a province four times larger, RSS sampled as pages are stored
  p   polite mode: many sites at one request per second per site (robots.txt Crawl-delay)
  pw  (p) with `--workers 2`: the hosts bundled into 4 jobs (auditor/jobs/plan.py), run at once
  n   (b) without the web archive (-s AUDITOR_ARCHIVE=false): the archive's CPU per page, and
      its size per page read from (b)'s <db>.warc (docs/evidence.md)
  x   the browser pass: (b) again with axe-core in headless Chromium over the default sample
      (home, a page per mandatory section, two articles): seconds per sampled page and the
      share of the audit's time (skipped, with a note, without Playwright or Chromium)

  v   the variant fetches (issue 12): (b) again with the default sample fetched as Googlebot,
      a search visitor and a mobile browser: requests and seconds they add per site

The other runs keep the browser pass and the variant fetches off (AUDITOR_A11Y_PAGES=0,
AUDITOR_VARIANT_PAGES=0), so that they compare the crawl with Scrapy and LinkChecker as before.

The runs the targets compare (a, b, n, w) are made in rounds (``--rounds``, 3 in the full run):
each round runs them one after the other, each target is the median of its rounds' ratios, and
the table shows each run's median round. Identical runs on a quiet machine differ by about 5 %
(the auditor's CPU per page moved from 12.9 to 14.6 ms on 3-4 December), so a ratio within a few
points of its line is not settled by one run; a round's ratio compares runs minutes apart.

Every work file lives under .bench/ (ignored by git). Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import linkcheck  # noqa: E402
from machine import describe  # noqa: E402
from measure import Run, run_measured  # noqa: E402
from report import Results, render_markdown, render_table, write_markdown  # noqa: E402
from serve import StaticServer, free_ports  # noqa: E402
from synth import html_pages, write_tree  # noqa: E402

ALL_PARTS = ("a", "a1", "b", "n", "w", "c", "m", "p", "pw", "x", "v")
ROUND_PARTS = ("a", "b", "n", "w")  # the runs the ratio targets compare, repeated in rounds
DEFAULT_PARTS = ("a", "b", "n", "w", "c", "m", "p", "pw", "x", "v")
A11Y_SAMPLE = 16  # the default sample's bound (auditor/crawl/settings.py, AUDITOR_A11Y_PAGES)
VARIANT_SAMPLE = 10  # the default sample of the variant fetches (AUDITOR_VARIANT_PAGES)


@dataclass(frozen=True)
class Plan:
    sites: int = 10  # the compared province (a, a1, b, c)
    pages: int = 500  # HTML pages per site
    memory_sites: int = 40  # the memory run: memory_sites x pages pages
    polite_sites: int = 50
    polite_pages: int = 100
    polite_delay: float = 1.0  # robots.txt Crawl-delay of the polite sites
    quick: bool = False
    parts: tuple[str, ...] = DEFAULT_PARTS
    server: str = "nginx"
    rounds: int = 3  # of the runs the targets compare (ROUND_PARTS); each target is their median
    profile: bool = False  # run the auditor under py-spy (its figures then include py-spy's cost)

    @property
    def memory_pages(self) -> int:
        return self.memory_sites * self.pages

    @property
    def memory_checkpoint(self) -> int:
        """The memory run's RSS is read when it has stored as many pages as (b) crawls."""
        return self.sites * self.pages


QUICK = Plan(sites=2, pages=100, memory_sites=4, polite_sites=3,
             polite_pages=80, polite_delay=0.1, quick=True, rounds=2)


def registry(path: Path, title: str, ports: list[int]) -> Path:
    """A province registry of commune sites, one port each."""
    lines = ["[audit]", f'name = "{title}"', 'inspector = "bench/run.py"', ""]
    for number, port in enumerate(ports, start=1):
        lines += ["[[site]]", f'id = "xa-{number:03d}"', f'name = "UBND xã Thử Nghiệm {number}"',
                  'level = "xa"', f'url = "http://127.0.0.1:{port}/"',
                  f'domain = "xa{number:03d}.quangtri.gov.vn"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def stored_pages(db: Path):
    """A progress probe for the sampler: pages the auditor has stored so far."""
    def count() -> int:
        if not db.exists():
            return 0
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                return conn.execute("select count(*) from pages").fetchone()[0]
        except sqlite3.Error:
            return 0
    return count


def profiled(command: list[str], output: Path) -> list[str]:
    """``command`` under py-spy (from PyPI, not a dependency), idle time included: collapsed stacks."""
    output.parent.mkdir(parents=True, exist_ok=True)
    spy = Path(sys.executable).with_name("py-spy")
    if not spy.exists():
        raise SystemExit(f"bench: --profile needs py-spy: {Path(sys.executable).parent}/pip install py-spy")
    return [str(spy), "record", "--idle", "--subprocesses", "--rate", "200", "--format", "raw", "--output", str(output),
            "--", *command]


class Bench:
    def __init__(self, plan: Plan, work: Path):
        self.plan = plan
        self.work = work
        self.python = sys.executable

    # -- one measured run -----------------------------------------------------------------
    def measure(self, server: StaticServer, name: str, command: list[str], ok_codes=(0,), **kwargs) -> Run:
        print(f"bench: {name} ...", flush=True)
        position, server_cpu = server.log_position(), server.cpu_seconds()
        run = run_measured(name, command, self.work / "logs" / f"{name.split()[0]}.log", **kwargs)
        time.sleep(0.3)  # the last access-log lines
        traffic = server.traffic_since(position)
        run.server_cpu = server.cpu_seconds() - server_cpu
        run.pages, run.requests = traffic.html_pages, traffic.requests
        run.spacing = traffic.spacing()
        print(f"bench:   {run.pages} pages in {run.wall:.1f} s, {run.cpu:.1f} CPU s, "
              f"peak RSS {run.peak_rss_mb:.0f} MB, exit {run.exit_code}", flush=True)
        if run.exit_code not in ok_codes:
            raise SystemExit(f"bench: {name} failed (exit {run.exit_code}); see {self.work / 'logs'}")
        return run

    def auditor(self, server: StaticServer, name: str, registry_path: Path, max_pages: int,
                extra: tuple[str, ...] = (), db_name: str = "", workers: int = 1, **kwargs) -> Run:
        db = self.work / "db" / f"{db_name or registry_path.stem}.db"
        db.parent.mkdir(parents=True, exist_ok=True)
        for stale in db.parent.glob(db.name + "*"):  # the store, its WAL, its shards folder
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        command = [self.python, *os.environ.get("BENCH_AUDITOR", "-m auditor").split(), "audit", str(registry_path), "--db", str(db),
                   "--out", str(self.work / "out" / registry_path.stem), "--quiet",
                   "--max-pages", str(max_pages), "--workers", str(workers), *extra]
        if self.plan.profile:
            command = profiled(command, self.work / "profiles" / f"{registry_path.stem}.txt")
        return self.measure(server, name, command, progress=stored_pages(db), **kwargs)

    def browser_pass(self, server: StaticServer, registry_path: Path, max_pages: int,
                     results: Results) -> None:
        """(x): the audit of (b) with the browser pass on; its cost per sampled page and share."""
        from auditor.browser.chromium import unavailable

        missing = unavailable()
        if missing:
            results.notes.append(f"(x) browser pass skipped: {missing}.")
            return
        run = self.auditor(server, "x auditor, browser pass", registry_path, max_pages,
                           extra=("--a11y-pages", str(A11Y_SAMPLE)), db_name="browser")
        results.runs["x"] = run
        with sqlite3.connect(self.work / "db" / "browser.db") as conn:
            outcome = json.loads(conn.execute("select settings from audits").fetchone()[0])["a11y"]
        pages = sum(outcome["pages"].values())
        per_page = outcome["seconds_per_page"] or 0.0
        line = (f"(x) browser pass ({outcome['engine']}, Chromium headless): {pages} pages sampled "
                f"over {len(outcome['pages'])} sites, {per_page:.2f} s per sampled page "
                f"(load and axe-core), {outcome['seconds']:.1f} s of browser time in an audit of "
                f"{run.wall:.1f} s wall ({100 * outcome['seconds'] / run.wall:.0f} % of it)")
        if "b" in results.runs:
            extra = run.wall - results.runs["b"].wall
            line += (f"; the same audit without it took {results.runs['b'].wall:.1f} s "
                     f"({extra:+.1f} s, {100 * extra / run.wall:+.0f} % of the audit's time: the pass "
                     "runs beside the crawl, what is left at the end is the queue it had not rendered yet)")
        results.notes.append(line + ".")

    def archive_note(self, registry_path: Path, results: Results) -> None:
        """The web archive's size per page, from (b)'s store (the archive is on by default)."""
        archived = self.work / "db" / f"{registry_path.stem}.db.warc"
        b = results.runs.get("b")
        if b is None or not archived.is_dir() or not b.pages:
            return
        size = sum(path.stat().st_size for path in archived.rglob("*.warc.gz"))
        results.archive_bytes_per_page = size / b.pages
        results.notes.append(f"(b) web archive: {size / 1e6:.1f} MB of gzipped WARC for {b.pages} pages, "
                             f"{size / b.pages / 1024:.1f} KiB per page (a request and a response record per "
                             "answer, each gzipped; robots.txt, sitemap and probe included).")

    # -- the whole benchmark --------------------------------------------------------------
    def run(self) -> Results:
        plan = self.plan
        trees = self.work / "trees"
        province = write_tree(trees / f"p{plan.pages}", plan.pages)
        # No documents on the polite sites: every request is a page, as the bound counts them.
        polite = write_tree(trees / f"p{plan.polite_pages}-d{plan.polite_delay:g}-nodocs", plan.polite_pages,
                            crawl_delay=plan.polite_delay, documents=False)
        site_pages = html_pages(province)
        ports = free_ports(max(plan.sites, plan.memory_sites) + plan.polite_sites)
        province_ports, polite_ports = ports[:-plan.polite_sites], ports[-plan.polite_sites:]
        regs = self.work / "registries"
        regs.mkdir(parents=True, exist_ok=True)
        compared = registry(regs / "province.toml", f"Benchmark: {plan.sites} sites x {site_pages} pages",
                            province_ports[:plan.sites])
        budget = site_pages + 20  # the budget is never what stops a crawl here
        results = Results(plan=plan, site_pages=site_pages)

        checker = None
        if "c" in plan.parts:
            checker = linkcheck.install(self.work / "linkchecker")
            if checker is None:
                if not plan.quick:
                    raise SystemExit("bench: LinkChecker is required for the full benchmark")
                results.notes.append("LinkChecker could not be installed: (c) skipped (quick mode).")
            else:
                results.versions["LinkChecker"] = linkcheck.version(checker).replace("LinkChecker ", "")

        with StaticServer(self.work / "server", {province: province_ports, polite: polite_ports},
                          prefer=plan.server) as server:
            results.versions["server"] = server.version
            urls = [f"http://127.0.0.1:{port}/" for port in province_ports[:plan.sites]]
            floor = [self.python, str(BENCH / "floor.py"), str(compared)]
            if plan.profile:
                floor = profiled(floor, self.work / "profiles" / "floor.txt")
            for number in range(1, plan.rounds + 1):
                self.one_round(server, floor, compared, budget, results, number)
            results.keep_median_rounds()
            if "n" in plan.parts:
                self.archive_note(compared, results)
            if "a1" in plan.parts:
                results.runs["a1"] = self.measure(server, "a1 stock Scrapy", floor + ["--stock"])
            if "c" in plan.parts and checker is not None:
                command = linkcheck.command(checker, self.work / "linkcheckerrc", urls)
                # LinkChecker exits 1 when it found a broken link (the search form's 404 here).
                results.runs["c"] = self.measure(server, "c LinkChecker", command, ok_codes=(0, 1))
            if "m" in plan.parts:
                memory = registry(regs / "memory.toml",
                                  f"Memory: {plan.memory_sites} sites x {site_pages} pages",
                                  province_ports[:plan.memory_sites])
                results.runs["m"] = self.auditor(server, "m auditor, memory", memory, budget)
            polite_reg = registry(regs / "polite.toml",
                                  f"Polite: {plan.polite_sites} sites x {plan.polite_pages} pages",
                                  polite_ports)
            for key, workers in (("p", 1), ("pw", 2)):
                if key in plan.parts:
                    results.runs[key] = self.auditor(server, f"{key} auditor, polite, {workers} worker(s)",
                                                     polite_reg, plan.polite_pages + 20, workers=workers)
                    results.polite_bound = plan.polite_pages * plan.polite_delay
            if "x" in plan.parts:
                self.browser_pass(server, compared, budget, results)
            if "v" in plan.parts and "b" in results.runs:
                self.variant_cost(server, compared, budget, results)
        return results

    def one_round(self, server: StaticServer, floor: list[str], compared: Path, budget: int,
                  results: Results, number: int) -> None:
        """(a), (b), (n) and (w), one after the other: a round of the compared runs."""
        of = f", round {number}/{self.plan.rounds}" if self.plan.rounds > 1 else ""
        commands = {
            "a": lambda: self.measure(server, f"a bare Scrapy{of}", floor),
            "b": lambda: self.auditor(server, f"b auditor{of}", compared, budget),
            "n": lambda: self.auditor(server, f"n auditor, no archive{of}", compared, budget,
                                      extra=("-s", "AUDITOR_ARCHIVE=false"), db_name="no-archive"),
            "w": lambda: self.auditor(server, f"w auditor, 2 workers{of}", compared, budget, workers=2,
                                      db_name="workers"),  # (b)'s store and archive stay for archive_note
        }
        for key in ROUND_PARTS:
            if key in self.plan.parts:
                results.rounds.setdefault(key, []).append(commands[key]())

    def variant_cost(self, server: StaticServer, registry_path: Path, max_pages: int,
                     results: Results) -> None:
        """(v): the audit of (b) with the variant fetches (issue 12, on by default): their cost
        per site."""
        with_them = self.auditor(server, "v auditor, variant fetches", registry_path, max_pages,
                                 extra=("--variant-pages", str(VARIANT_SAMPLE)), db_name="variants")
        run = results.runs["b"]
        requests = (with_them.requests - run.requests) / self.plan.sites
        seconds = with_them.wall - run.wall
        results.notes.append(
            f"(v) variant fetches (the default sample of at most 10 pages a site, each fetched as "
            f"Googlebot desktop and smartphone, a search visitor and a mobile browser, and the site "
            f"scripts they load): {requests:.0f} requests per site, {seconds:+.1f} s of wall time "
            f"over the audit of {self.plan.sites} sites ((b), without them: {run.wall:.1f} s; with "
            f"them {with_them.wall:.1f} s).")


def parse_args(argv=None) -> Plan:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small run for CI (about a minute)")
    parser.add_argument("--sites", type=int, help="sites of the compared province (default 10)")
    parser.add_argument("--pages", type=int, help="HTML pages per site (default 500, at least 80)")
    parser.add_argument("--memory-sites", type=int, help="sites of the memory run (default 40)")
    parser.add_argument("--polite-sites", type=int, help="sites of the polite run (default 50)")
    parser.add_argument("--polite-pages", type=int, help="pages per polite site (default 100)")
    parser.add_argument("--only", help=f"comma-separated parts among {','.join(ALL_PARTS)}")
    parser.add_argument("--rounds", type=int,
                        help=f"rounds of the compared runs ({','.join(ROUND_PARTS)}); default 3, 2 with --quick")
    parser.add_argument("--server", choices=("nginx", "python"), default="nginx",
                        help="nginx (installed from Debian when root and missing) or the asyncio server")
    parser.add_argument("--profile", action="store_true",
                        help="record the auditor runs with py-spy into .bench/profiles/ (see bench/profile.py)")
    parser.add_argument("--output", type=Path,
                        help="Markdown file for the results (default docs/BENCHMARKS.md; "
                             ".bench/BENCHMARKS-quick.md in quick mode)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else Plan()
    changes = {key: value for key, value in (
        ("sites", args.sites), ("pages", args.pages), ("memory_sites", args.memory_sites),
        ("polite_sites", args.polite_sites), ("polite_pages", args.polite_pages),
        ("rounds", args.rounds)) if value is not None}
    if args.only:
        changes["parts"] = tuple(p.strip() for p in args.only.split(",") if p.strip())
        unknown = set(changes["parts"]) - set(ALL_PARTS)
        if unknown:
            parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    changes["server"] = args.server
    changes["profile"] = args.profile
    plan = replace(plan, **changes)
    if plan.rounds < 1:
        parser.error("--rounds must be at least 1")
    if plan.pages < 80 or plan.polite_pages < 80:
        parser.error("a synthetic site needs at least 80 pages")
    return plan, args.output


def main(argv=None) -> int:
    plan, output = parse_args(argv)
    os.environ["AUDITOR_A11Y_PAGES"] = "0"  # the browser pass only where measured: (x)
    os.environ["AUDITOR_VARIANT_PAGES"] = "0"  # the variant fetches only where measured: (v)
    work = REPO / ".bench"
    started = time.monotonic()
    results = Bench(plan, work).run()
    results.machine = describe(results.versions)
    print()
    print(render_table(results))
    output = output or (work / "BENCHMARKS-quick.md" if plan.quick else REPO / "docs" / "BENCHMARKS.md")
    write_markdown(output, render_markdown(results))
    (work / "results.json").write_text(json.dumps(results.as_dict(), indent=2, ensure_ascii=False))
    print(f"\nbench: results written to {output} ({time.monotonic() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
