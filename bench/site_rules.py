"""The site rules' cost and output on a stored audit (issue 14: the sharded audit's tail).

    python bench/site_rules.py .bench/db/province.db                  # ms of CPU a site, best of 3
    python bench/site_rules.py STORE --dump before.json               # and the site findings
    python bench/site_rules.py STORE --compare before.json            # 0 differences expected

Works on a copy of the store (SQLite's backup, in a temporary folder): the site rules' findings
of the audit are deleted (with those the rules that also judge pages found on pages: FRS-003)
and judged again by ``judge_sites`` (auditor/judge/sitefacts.py), as an audit's end does, with
the engine the audit had (its pack, sites, date and overrides). The time is the process's CPU
time of ``judge_sites`` alone, the best of ``--runs``. The findings compared are what a reader
sees of them: rule, site, fingerprint, message and evidence.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from scrapy.settings import Settings

from auditor.crawl.pipeline import build_engine
from auditor.judge.sitefacts import judge_sites
from auditor.store.database import Store

FINDING_FIELDS = ("rule", "site", "fingerprint", "message", "evidence")


def copy_store(source: Path, folder: Path) -> Path:
    """A private copy of the store (its WAL included), which the runs may rewrite."""
    target = folder / source.name
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original, sqlite3.connect(target) as copy:
        original.backup(copy)
    return target


def engine_of(store: Store, audit: dict):
    """The engine the audit judged with: its pack, audit date and setting overrides, and its
    sites' hosts (the engine reads only their url and domain: the stored site rows have them,
    where the registry file may be gone, as the demo's temporary one is)."""
    settings = json.loads(audit.get("settings") or "{}")
    sites = [SimpleNamespace(url=row["url"], domain=row.get("domain") or "")
             for row in store.sites(audit["id"])]
    registry = SimpleNamespace(pack="", sites=sites)
    return build_engine(store, audit["id"], registry, Settings(settings.get("overrides") or {}))


def forget_site_findings(store: Store, audit_id: int, engine) -> None:
    rules = [rule.id for rule in engine.site_rules]
    with store.transaction() as conn:
        conn.execute(f"delete from findings where audit_id = ? and rule in ({', '.join('?' * len(rules))})",
                     [audit_id, *rules])


def site_findings(store: Store, audit_id: int, engine) -> list[list[str]]:
    rules = {rule.id for rule in engine.site_rules}
    rows = [[row[name] for name in FINDING_FIELDS] for row in store.findings_rows(audit_id)
            if row["rule"] in rules]
    return sorted(rows)


def timed_runs(store: Store, audit_id: int, engine, runs: int) -> list[float]:
    """CPU seconds of each run of judge_sites over the audit."""
    seconds = []
    for _ in range(runs):
        forget_site_findings(store, audit_id, engine)
        started = time.process_time()
        judge_sites(store, audit_id, engine)
        seconds.append(time.process_time() - started)
    return seconds


def differences(before: list[list[str]], after: list[list[str]]) -> list[str]:
    old = {json.dumps(row, ensure_ascii=False) for row in before}
    new = {json.dumps(row, ensure_ascii=False) for row in after}
    return [f"- {row}" for row in sorted(old - new)] + [f"+ {row}" for row in sorted(new - old)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("store", type=Path)
    parser.add_argument("--audit", type=int, help="the audit's id (default: the newest)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write the site findings here (JSON)")
    parser.add_argument("--compare", type=Path, help="compare the site findings with this dump")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="site-rules-") as folder:
        store = Store(str(copy_store(args.store, Path(folder))))
        try:
            audit = store.audit(args.audit)
            engine = engine_of(store, audit)
            sites = len(store.sites(audit["id"]))
            seconds = timed_runs(store, audit["id"], engine, args.runs)
            found = site_findings(store, audit["id"], engine)
        finally:
            store.close()
    best = min(seconds)
    print(f"{args.store}: {sites} sites, {len(found)} site findings; judge_sites "
          f"{best:.3f} CPU s (best of {len(seconds)}: {', '.join(f'{s:.3f}' for s in seconds)}), "
          f"{1000 * best / max(sites, 1):.1f} ms a site")
    if args.dump:
        args.dump.write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.compare:
        changed = differences(json.loads(args.compare.read_text(encoding="utf-8")), found)
        print(f"compared with {args.compare}: {len(changed)} differences")
        print("\n".join(changed[:20]))
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
