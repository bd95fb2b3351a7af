"""A synthetic country in a real store: provinces, each the parent of its communes, audited one
or more times, with findings of the real rules written through Store.add_findings as the engine
writes them. No crawl: the report's size and speed at the scale of the country (3,321 communes
in 34 provinces after the 2025 reform) are measured on it.

    python tests/nationdata.py --communes 3321 --provinces 34 --audits 3 --out /tmp/nation

fills ``/tmp/nation/audit.db``, renders the latest audit to ``/tmp/nation/out`` and prints the
render time and the sizes of the pages.
"""

from __future__ import annotations

import random
from pathlib import Path

from auditor.judge.findings import Finding
from auditor.registry import Registry, Site
from auditor.rules import all_rules
from auditor.store.database import Store

# How often a commune portal fails each rule (the rest never fire here): a few defects are
# very common (the working schedule, the officials' contacts), most are rare.
FAILURE_RATES = {"SEC-003": 0.6, "FTR-004": 0.45, "ACC-001": 0.4, "FRS-002": 0.35, "SEC-005": 0.25,
                 "MED-002": 0.2, "ADS-002": 0.12, "TEC-004": 0.3, "SEC-012": 0.1, "ADS-003": 0.03}
UNREACHABLE, PARTIAL = 0.04, 0.06


def registry(communes: int, provinces: int) -> list[Site]:
    """``provinces`` portals, then ``communes`` communes spread over them as evenly as possible."""
    sites = [Site(f"tinh-{p:02d}", f"Cổng TTĐT tỉnh số {p:02d}", "tinh", f"http://127.0.0.1:9/t{p:02d}/")
             for p in range(1, provinces + 1)]
    for c in range(communes):
        province = c % provinces + 1
        sites.append(Site(f"xa-{c + 1:04d}", f"UBND xã số {c + 1:04d}", "xa",
                          f"http://127.0.0.1:9/x{c + 1:04d}/", parent=f"tinh-{province:02d}"))
    return sites


def crawl_outcome(rng: random.Random) -> tuple[str, int]:
    draw = rng.random()
    if draw < UNREACHABLE:
        return "unreachable", 0
    return ("partial" if draw < UNREACHABLE + PARTIAL else "ok"), 3


def site_findings(site: Site, status: str, rng: random.Random, rules: dict) -> list[Finding]:
    if status == "unreachable":
        return [Finding(rule="FRS-004", site=site.id, message="Máy chủ từ chối kết nối.", key="down",
                        severity="error", title=rules["FRS-004"].title_vi)]
    found = []
    for rule_id, rate in FAILURE_RATES.items():
        if rng.random() < rate:
            rule = rules[rule_id]
            found.append(Finding(rule=rule_id, site=site.id, message=f"{rule.title_vi} ({site.name}).",
                                 url=site.url + "tin-tuc.html", key=rule_id, severity=rule.severity,
                                 title=rule.title_vi, basis="Nghị định 224/2026/NĐ-CP"))
    return found


def record_audit(store: Store, sites: list[Site], number: int, seed: int = 17) -> int:
    """One audit of the registry; each later audit fixes some defects (fewer failures)."""
    rng = random.Random(seed * 1000 + number)
    rules = {rule.id: rule for rule in all_rules()}
    registry = Registry(path="nation.toml", sites=sites, name=f"Kiểm tra toàn quốc lần {number}",
                        inspector="Bộ Khoa học và Công nghệ", pack="nd224-2026")
    audit_id = store.new_audit(registry, pack="nd224-2026", settings={}, version="test", pid=0)
    ids = store.site_ids(audit_id)
    rows = []
    for site in sites:
        status, pages = crawl_outcome(rng)
        store.update_site(ids[site.id], crawl_status=status, reason="", pages=pages)
        for finding in site_findings(site, status, rng, rules):
            if number == 1 or rng.random() > 0.15 * (number - 1):  # later audits: some fixed
                rows.append(finding.to_row(ids[site.id]))
    store.add_findings(audit_id, rows)
    store.finish_audit(audit_id)
    return audit_id


def nation_store(path: Path, communes: int = 3321, provinces: int = 34, audits: int = 1) -> tuple[Store, list[int]]:
    store = Store(path)
    sites = registry(communes, provinces)
    return store, [record_audit(store, sites, number) for number in range(1, audits + 1)]


def main() -> None:
    import argparse
    import time

    from auditor.reports import render_audit

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--audits", type=int, default=3)
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    db = args.out / "audit.db"
    db.unlink(missing_ok=True)
    started = time.monotonic()
    store, audits = nation_store(db, args.communes, args.provinces, args.audits)
    print(f"store: {len(audits)} audits of {args.communes + args.provinces} sites in "
          f"{time.monotonic() - started:.1f} s")
    started = time.monotonic()
    paths = render_audit(store, audits[-1], args.out / "out", args.lang)
    seconds = time.monotonic() - started
    sizes = {path: path.stat().st_size for path in paths}
    top = paths[0]
    units = [p for p in paths if p.parent.name == "units"]
    print(f"rendered {len(paths)} files in {seconds:.1f} s; top page {sizes[top] / 1024:.0f} KB; "
          f"{len(units)} unit pages, largest {max((sizes[p] for p in units), default=0) / 1024:.0f} KB; "
          f"all files {sum(sizes.values()) / 1e6:.1f} MB")
    store.close()


if __name__ == "__main__":
    main()
