"""Memory against the registry's size: many tiny commune sites under one host, or a few.

    python bench/registry_memory.py --sites 500,1000,2000
    python bench/registry_memory.py --sites 3321 --hosts 34 --workers 2   # a country: one host a province

A national registry has 3,321 communes, most of them folders of their provincial portal. Each
size here is one audit (``auditor audit --workers 1``: one host is one job, crawled in the
audit's own process) of N sites under one nginx host (``--hosts K``: spread over K ports, each
a host and so a job; ``--workers N``: the jobs run in N worker processes beside the dispatcher), each site a home page and two pages
(4 requests with robots.txt), at 16 requests at once (``--host-concurrency``: the host is
ours). Printed per size: wall, CPU, peak RSS, and the RSS per site added,
so that the national count can be extrapolated from the growth, and the crawl's own peak
(sampled while pages were being stored) apart from the site rules' and the reports' after it.
Peak RSS is the largest of any one process of the audit (the dispatcher or a worker: wait4's
``ru_maxrss`` of the audit and its reaped children), the figure issue 14 bounds at 300 MB.
Work files under .bench/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from measure import run_measured  # noqa: E402
from run import stored_pages  # noqa: E402
from serve import StaticServer, free_ports  # noqa: E402

PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><h1>UBND xã Thử Nghiệm {n}</h1></header>
<nav><a href="./">Trang chủ</a> <a href="gioi-thieu.html">Giới thiệu</a> <a href="tin-tuc.html">Tin tức</a></nav>
<main><h2>{title}</h2><p>Ủy ban nhân dân xã Thử Nghiệm {n} thông báo lịch tiếp công dân ngày 03/12/2026.</p></main>
<footer>Cơ quan chủ quản: UBND xã Thử Nghiệm {n}. Điện thoại: 0233 3850 {n:03d}.</footer></body></html>
"""


def write_tiny_sites(root: Path, sites: int) -> Path:
    """``sites`` folders of three pages each, under one robots.txt."""
    for n in range(1, sites + 1):
        folder = root / f"xa-{n:04d}"
        if (folder / "tin-tuc.html").exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for name, title in (("index.html", "Trang chủ"), ("gioi-thieu.html", "Giới thiệu"),
                            ("tin-tuc.html", "Tin tức")):
            (folder / name).write_text(PAGE.format(title=title, n=n % 1000), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n")
    return root


def write_registry(path: Path, ports: list[int], sites: int) -> Path:
    """The sites dealt round the hosts (ports), as communes under their provinces' portals."""
    lines = ["[audit]", f'name = "Memory: {sites} tiny sites under {len(ports)} host(s)"', 'inspector = "bench"', ""]
    for n in range(1, sites + 1):
        port = ports[n % len(ports)]
        lines += ["[[site]]", f'id = "xa-{n:04d}"', f'name = "UBND xã Thử Nghiệm {n}"', 'level = "xa"',
                  f'url = "http://127.0.0.1:{port}/xa-{n:04d}/"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def crawl_peak(run) -> float:
    """The highest RSS sampled while pages were still being stored: the crawl's own, before
    the site rules and the reports (sampled every half second, so a lower bound)."""
    final = max((sample.progress for sample in run.samples), default=0)
    return max((sample.rss_mb for sample in run.samples if sample.progress < final), default=0.0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", default="500,1000,2000", help="comma-separated registry sizes")
    parser.add_argument("--hosts", type=int, default=1, help="hosts (ports) the sites are dealt over (default 1)")
    parser.add_argument("--workers", type=int, default=1, help="the audit's --workers (default 1)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sites.split(",")]
    work = BENCH.parent / ".bench" / "registry-memory"
    tree = write_tiny_sites(work / "tree", max(sizes))
    ports = free_ports(args.hosts)
    rows = []
    with StaticServer(work / "server", {tree: ports}):
        for sites in sizes:
            registry = write_registry(work / f"r{sites}.toml", ports, sites)
            db = work / f"r{sites}.db"
            for stale in work.glob(db.name + "*"):  # the store, its lock, its WAL archive folder
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
            command = [sys.executable, "-m", "auditor", "audit", str(registry), "--db", str(db),
                       "--out", str(work / "out"), "--quiet", "--workers", str(args.workers),
                       # the server is ours: 16 at once and no AutoThrottle, or 2,000 sites take an hour
                       *(f"--host-concurrency=127.0.0.1:{port}=16" for port in ports),
                       "-s", "AUTOTHROTTLE_ENABLED=false"]
            print(f"bench: {sites} sites, {args.hosts} host(s), {args.workers} worker(s) ...", flush=True)
            run = run_measured(f"{sites} sites", command, work / f"r{sites}.log", progress=stored_pages(db),
                               env={"AUDITOR_A11Y_PAGES": "0"})
            if run.exit_code:
                raise SystemExit(f"bench: the audit of {sites} sites failed; see {work}/r{sites}.log")
            rows.append((sites, run))
            print(f"bench:   {run.wall:.0f} s, {run.cpu:.0f} CPU s, peak RSS {run.peak_rss_mb:.0f} MB, "
                  f"others' cores {run.others_cpu:.2f}", flush=True)
    print("\n| sites | wall s | CPU s | peak RSS MB | crawl's peak RSS MB | RSS per site added | others' cores |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    previous = None
    for sites, run in rows:
        growth = (f"{(run.peak_rss_mb - previous[1].peak_rss_mb) / (sites - previous[0]) * 1000:.0f} KB"
                  if previous else "–")
        print(f"| {sites} | {run.wall:.0f} | {run.cpu:.0f} | {run.peak_rss_mb:.0f} | {crawl_peak(run):.0f} | {growth} "
              f"| {run.others_cpu:.2f} |")
        previous = (sites, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
