"""Where the auditor's time goes, from a py-spy profile (collapsed stacks, idle included).

    python bench/run.py --only b --profile && python bench/profile.py .bench/profiles/province.txt

Only the main thread counts (the crawl is single-threaded; Twisted's idle DNS threads would
drown it). Each sample is put in the bucket of its innermost frame that matches a marker, so
"extraction" is extract.py with what it calls that no other bucket names.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

# (bucket, markers): a sample goes to the bucket of the innermost frame that matches.
BUCKETS = (
    ("idle: waiting for the network", ("epoll", "select (", "poll (")),
    ("store: SQLite writes", ("/store/", "sqlite_utils")),
    ("archive: WARC records", ("/archive/", "warcio")),
    ("rules: page and site rules", ("/judge/", "/rules/")),
    ("facts: dates", ("dates.py",)),
    ("facts: canonical URLs", ("urls.py",)),
    ("facts: page features (features.py)", ("features.py",)),
    ("facts: CMS profiles", ("profiles.py", "kind.py")),
    ("facts: extraction (extract.py)", ("extract.py",)),
    ("facts: HTML parse (lxml)", ("selector", "parsel", "lxml")),
    ("spider: variants, scripts, sitemaps", ("variants.py", "variant_diff.py", "scripts.py", "sitemaps.py")),
    ("spider: follow links, schedule", ("portal.py", "sitecrawl.py")),
    ("scrapy: scheduler and dupefilter", ("scheduler.py", "dupefilters.py", "pqueues.py", "squeues.py")),
    ("scrapy: download, HTTP (Twisted)", ("http11.py", "twisted", "downloader")),
    ("scrapy: engine, middlewares, signals", ("scrapy",)),
)


def summarise(path: Path, top: int = 12) -> str:
    buckets: Counter = Counter()
    leaves: Counter = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack.startswith("process "):  # --subprocesses prefixes each stack with its process
            stack = stack.partition(";")[2]
        if not count.isdigit() or stack.startswith("Thread._bootstrap"):
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        buckets[_bucket(frames)] += n
        leaves[frames[-1]] += n
    if not total:
        return "no samples"
    out = [f"{total} samples"]
    out += [f"{100 * n / total:5.1f}%  {name}" for name, n in buckets.most_common()]
    out += ["", "innermost frames:"]
    out += [f"{100 * n / total:5.1f}%  {name[:140]}" for name, n in leaves.most_common(top)]
    return "\n".join(out)


def _bucket(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, markers in BUCKETS:
            if any(marker in frame for marker in markers):
                return name
    return "other (Python start-up, imports, reports)"


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(f"== {argument}")
        print(summarise(Path(argument)))
