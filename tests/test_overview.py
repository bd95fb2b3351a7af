"""The overview at scale: one row per parent unit, one page per unit, the most common findings
and the trend across audits, checked against the store they were rendered from.

Two stores: a real crawl (a registry of 200 tiny sites under four provinces, served on
127.0.0.1, audited twice with `auditor audit`), and a synthetic country (tests/nationdata.py,
1,000 communes under 12 provinces, three audits) for the charts and sizes beyond 40 sites.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict

import pytest
from bs4 import BeautifulSoup

from auditing import audit
from auditor.reports import render_audit
from auditor.reports.model import site_file
from nationdata import nation_store
from servers import html, serve

PROVINCES = 4
COMMUNES = 196


def registry_text(base: str) -> str:
    lines = ['[audit]\nname = "Kiểm tra thử các tỉnh"\ninspector = "Bộ Khoa học và Công nghệ"\n']
    for p in range(1, PROVINCES + 1):
        lines.append(f'[[site]]\nid = "tinh-{p}"\nname = "Cổng TTĐT tỉnh {p}"\nlevel = "tinh"\nurl = "{base}/t{p}/"\n')
    for c in range(1, COMMUNES + 1):
        lines.append(f'[[site]]\nid = "xa-{c:03d}"\nname = "UBND xã {c:03d}"\nlevel = "xa"\n'
                     f'url = "{base}/x{c:03d}/"\nparent = "tinh-{c % PROVINCES + 1}"\n')
    return "\n".join(lines)


def tiny_site(path: str, audit_number: int):
    """A one-page portal; in the second audit every third commune adds its working schedule."""
    number = int(re.sub(r"\D", "", path.split("/")[1]) or 0)
    schedule = '<a href="lich-cong-tac.html">Lịch công tác</a>' if audit_number == 2 and number % 3 == 0 else ""
    return html(f'<!doctype html><html lang="vi"><head><title>Cổng {path}</title></head><body>'
                f'<header>UBND</header><nav>{schedule}</nav><main><h1>Tin tức</h1><p>Thông báo số {number}.</p>'
                f'</main><footer>Địa chỉ: xã {number}; thư điện tử: ubnd{number}@gmail.com</footer></body></html>')


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crawled")
    state = {"audit": 1}
    fallback = lambda path: (html("", 404) if path == "/robots.txt" or not path.endswith("/")  # noqa: E731
                             else tiny_site(path, state["audit"]))
    with serve({}, fallback=fallback) as server:
        text = registry_text(server.url)
        audit(folder, text, "-s", "DOWNLOAD_TIMEOUT=5", expect=0, timeout=300)
        state["audit"] = 2
        audit(folder, text, "-s", "DOWNLOAD_TIMEOUT=5", expect=0, timeout=300)
    return folder


def soup_of(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def query(db, sql, *args) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, args).fetchall()


def units_in_store(db, audit_id: int) -> dict[str, set[str]]:
    """Each unit's sites as the store has them: a parent and the sites naming it."""
    units = defaultdict(set)
    for row in query(db, "select key, parent from sites where audit_id = ?", audit_id):
        units[row["parent"] or row["key"]].add(row["key"])
    return units


def unit_rows(page) -> dict[str, list[str]]:
    return {tr["data-unit"]: [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in page.find(id="units").select("tbody tr")}


def common_rows(page) -> dict[str, list[str]]:
    return {tr["data-rule"]: [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in page.find(id="common").select("tr[data-rule]")}


def expected_unit_figures(db, audit_id: int, keys: set[str]) -> tuple[int, int, int, int]:
    marks = ",".join("?" * len(keys))
    reached = query(db, f"select count(*) from sites where audit_id = ? and key in ({marks}) "
                        "and crawl_status in ('ok', 'partial')", audit_id, *keys)[0][0]
    severities = Counter(row[0] for row in query(
        db, f"select f.severity from findings f join sites s on s.id = f.site_id where f.audit_id = ? "
            f"and s.key in ({marks}) and (f.waived is null or f.waived = '')", audit_id, *keys))
    return len(keys), reached, severities["error"], severities["warning"]


def expected_common(db, audit_id: int) -> dict[str, tuple[int, int]]:
    return {row["rule"]: (row["sites"], row["pages"]) for row in query(
        db, "select rule, count(distinct site_id) as sites, "
            "coalesce(sum(case when url is not null and url != '' then count end), 0) as pages "
            "from findings where audit_id = ? and (waived is null or waived = '') group by rule", audit_id)}


def check_against_store(db, audit_id: int, out) -> None:
    top = soup_of(out / "index.html")
    units = units_in_store(db, audit_id)
    rows = unit_rows(top)
    assert set(rows) == set(units)  # one row per parent unit
    for key, members in units.items():
        cells = rows[key]
        sites, reached, errors, warnings = expected_unit_figures(db, audit_id, members)
        assert [int(cells[i]) for i in (1, 2, 3)] == [sites, reached, sites - reached], key
        assert sum(int(cells[i]) for i in range(4, 8)) == sites  # verdicts cover every site
        assert [int(cells[i]) for i in (10, 11)] == [errors, warnings], key
        unit_page = soup_of(out / "units" / site_file(key))
        listed = {a["href"] for a in unit_page.find(id="ranking").select("td a")}
        assert listed == {f"../sites/{site_file(member)}" for member in members}, key
    shown = {rule: (int(cells[3]), int(cells[4])) for rule, cells in common_rows(top).items()}
    assert shown == expected_common(db, audit_id)


def test_a_crawled_registry_rolls_up_by_province(crawled):
    db, out = crawled / "audit.db", crawled / "out"
    audits = [row[0] for row in query(db, "select id from audits order by id")]
    assert len(audits) == 2
    check_against_store(db, audits[-1], out)
    top = soup_of(out / "index.html")
    assert len(unit_rows(top)) == PROVINCES
    assert top.find(id="ranking") is None  # 200 sites: listed on the units' pages, not here
    assert len(top.select("#trend svg .series")[0].select(".point")) == 2  # one point per audit
    unit = soup_of(out / "units" / "tinh-1.html")
    assert len(unit.select("#trend svg .series")[0].select(".point")) == 2


def test_rule_pages_list_the_sites_concerned(crawled):
    db, out = crawled / "audit.db", crawled / "out"
    audit_id = query(db, "select max(id) from audits")[0][0]
    for rule, (sites, _) in expected_common(db, audit_id).items():
        page = soup_of(out / "findings" / f"{rule}.html")
        linked = {a["href"].rsplit("/", 1)[1] for a in page.select("tbody tr td a")}
        keys = {row[0] for row in query(db, "select distinct s.key from findings f join sites s on s.id = f.site_id "
                                            "where f.audit_id = ? and f.rule = ?", audit_id, rule)}
        assert linked == {site_file(key) for key in keys}
        assert len(linked) == sites


@pytest.fixture(scope="module")
def nation(tmp_path_factory):
    root = tmp_path_factory.mktemp("nation")
    store, audits = nation_store(root / "audit.db", communes=1000, provinces=12, audits=3)
    try:
        paths = render_audit(store, audits[-1], root / "out")
    finally:
        store.close()
    return root, audits, paths


def test_a_country_sized_registry_gets_a_small_top_page(nation):
    root, audits, paths = nation
    db, out = root / "audit.db", root / "out"
    check_against_store(db, audits[-1], out)
    top = soup_of(paths[0])
    assert paths[0].stat().st_size < 300_000
    assert len(unit_rows(top)) == 12 and len([p for p in paths if p.parent.name == "units"]) == 12
    charts = [fig.find("figcaption").get_text() for fig in top.find(id="charts").select("figure")]
    assert charts == ["Số trang theo khoảng điểm", "Kết luận theo đơn vị cấp trên",
                      "Số phát hiện theo nhóm tiêu chí và mức độ"]
    histogram = top.find(id="charts").select("figure")[0]
    counts = [int(t.get_text().split()[0]) for t in histogram.select("g > text:nth-of-type(2)")]
    assert sum(counts) == 1012  # every site in one band, or among those not scored
    assert len(top.select("#trend svg .series")[0].select(".point")) == 3


def test_the_trend_ends_at_the_figures_of_the_page(nation):
    root, audits, paths = nation
    top = soup_of(paths[0])
    last = top.find(id="trend").select("table tr")[-1].find_all("td")
    summary = top.find(id="summary").get_text(" ", strip=True)
    assert f"{last[3].get_text(strip=True)} Điểm trung bình" in summary
    assert [td.get_text(strip=True) for td in last[:1]] == [f"#{audits[-1]}"]


def test_sections_are_numbered_from_the_model(nation):
    root, _, paths = nation
    headings = [h.get_text(" ", strip=True) for h in soup_of(paths[0]).find_all("h2")]
    numerals = [h.split(".")[0] for h in headings]
    assert numerals == ["I", "II", "III", "IV", "V", "VI", "VII"][:len(numerals)]
    contents = [a.get_text() for a in soup_of(paths[0]).select("nav.toc a")]
    assert contents == [h.split(". ", 1)[1] for h in headings]
