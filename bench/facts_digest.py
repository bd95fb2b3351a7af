"""Same facts, less CPU? A digest of every page's facts and page findings, with CPU per stage.

    python bench/facts_digest.py --save .bench/digest-before.json      # on the old code
    python bench/facts_digest.py --compare .bench/digest-before.json   # on the new code

The pages: every captured page of the real-CMS corpus (tests/cms/*/hosts/) and 60 pages of
the benchmark's synthetic province (bench/synth.py: 60-100 KB, 300-500 links, as run (b)
fetches). Each is decoded and parsed as the spider does it (spiders/charset.py, parsel), its
facts extracted with one fixed "now", and judged by the page rules of the default pack. A cut
in the hot path is exact when ``--compare`` reports no page whose facts or findings changed;
the CPU figures (best of ``--repeat`` runs, process time) say what it saved, stage by stage.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from datetime import date, datetime
from pathlib import Path


from auditor.judge.engine import Engine
from auditor.judge.packs import resolve_pack
from auditor.registry import Site
from auditor.spiders.charset import decode_html
from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts
from auditor.spiders.parse import page_root

sys.path.insert(0, str(Path(__file__).parent))
from synth import Writer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 12, 1, 9, 30)
SITE = Site(id="digest", name="UBND xã Hướng Lập", level="xa",
            url="https://xa-huong-lap.quangtri.gov.vn/", domain="xa-huong-lap.quangtri.gov.vn")
SYNTHETIC_PAGES = 60


def corpus_pages() -> list[tuple[str, bytes]]:
    """tests/cms/<cms>/hosts/<host>/<path>/index.html, as http://<host>/<path>/."""
    pages = []
    for path in sorted((ROOT / "tests" / "cms").glob("*/hosts/**/*.html")):
        host_dir = next(parent for parent in path.parents if parent.parent.name == "hosts")
        url_path = "/" + path.relative_to(host_dir).as_posix().removesuffix("index.html")
        pages.append((f"http://{host_dir.name}{url_path}", path.read_bytes()))
    return pages


def synthetic_pages() -> list[tuple[str, bytes]]:
    writer = Writer(500)
    rng = writer.rng
    return [(f"https://xa-huong-lap.quangtri.gov.vn{page.path}",
             writer.page_html(page, rng.randint(60_000, 100_000), rng.randint(300, 500)).encode("utf-8"))
            for page in writer.pages[1:SYNTHETIC_PAGES + 1]]


def parse(url: str, body: bytes):
    return page_root(decode_html(body, "text/html"), body, url)


def facts_of(url: str, root, body: bytes) -> PageFacts:
    facts = PageFacts(site=SITE.id, url=url, final_url=url, status=200,
                      content_type="text/html", bytes=len(body), is_html=True)
    return extract(facts, root, url, NOW)


def digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def run(pages, engine: Engine, repeat: int) -> tuple[dict, dict]:
    """Per page: a digest of each fact field and of the findings; per stage: best CPU seconds."""
    best = {"parse": float("inf"), "extract": float("inf"), "rules": float("inf")}
    digests: dict = {}
    for _ in range(repeat):
        spent = dict.fromkeys(best, 0.0)
        for url, body in pages:
            started = time.process_time()
            root = parse(url, body)
            parsed = time.process_time()
            facts = facts_of(url, root, body)
            extracted = time.process_time()
            findings = engine.judge_page(facts, SITE)
            judged = time.process_time()
            spent["parse"] += parsed - started
            spent["extract"] += extracted - parsed
            spent["rules"] += judged - extracted
            fields = {name: digest(value) for name, value in dataclasses.asdict(facts).items()}
            fields["findings"] = digest(sorted(json.dumps(f, sort_keys=True, default=str)
                                               for f in map(_plain, findings)))
            digests[url] = fields
        best = {stage: min(best[stage], spent[stage]) for stage in best}
    return digests, best


def _plain(finding):
    return dataclasses.asdict(finding) if dataclasses.is_dataclass(finding) else finding


def compare(before: dict, after: dict) -> list[str]:
    changed = []
    for url in sorted(set(before) | set(after)):
        old, new = before.get(url, {}), after.get(url, {})
        fields = sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))
        if fields:
            changed.append(f"{url}: {', '.join(fields)}")
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--save", type=Path, help="write the digests (and CPU figures) to this JSON file")
    parser.add_argument("--compare", type=Path, help="compare with digests saved by --save")
    parser.add_argument("--repeat", type=int, default=3, help="runs over the pages; the best is kept")
    parser.add_argument("--only", choices=("corpus", "synthetic"), help="one set of pages")
    args = parser.parse_args()
    day = NOW.date()
    engine = Engine(resolve_pack("", day), None, day, [SITE])
    sets = {"corpus": corpus_pages(), "synthetic": synthetic_pages()}
    result = {"digests": {}, "cpu_ms_per_page": {}}
    for name, pages in sets.items():
        if args.only and name != args.only:
            continue
        digests, best = run(pages, engine, args.repeat)
        result["digests"].update(digests)
        per_page = {stage: round(1000 * seconds / len(pages), 2) for stage, seconds in best.items()}
        result["cpu_ms_per_page"][name] = per_page
        print(f"{name:9} {len(pages):4} pages  " + "  ".join(f"{s} {ms:6.2f} ms" for s, ms in per_page.items()))
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(result, indent=1, sort_keys=True))
    if args.compare:
        saved = json.loads(args.compare.read_text())
        for name, per_page in saved["cpu_ms_per_page"].items():
            if name in result["cpu_ms_per_page"]:
                print(f"{name:9} before  " + "  ".join(f"{s} {ms:6.2f} ms" for s, ms in per_page.items()))
        changed = compare({u: d for u, d in saved["digests"].items() if u in result["digests"]},
                          result["digests"])
        print(f"{len(changed)} pages whose facts or findings changed")
        for line in changed[:40]:
            print("  " + line)
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
