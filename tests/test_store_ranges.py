"""A page's links and media are the rowid range its row records (auditor/store/pages.py
ELEMENT_RANGES), with no index on page_id: written so by ``Store.write_pages`` and by the merge
of a shard, read so by the site rules and a resumed crawl; a store of schema 4 (page_id indexed,
no ranges) gains them on opening and reads, resumes and merges as a new one."""

from __future__ import annotations

import sqlite3

from auditor.jobs.plan import plan_jobs
from auditor.jobs.queue import JobQueue
from auditor.jobs import shard as shards
from auditor.jobs.shard import merge_shard, part_path, row_base, seal_shard
from auditor.judge.sitefacts import build_site_facts
from auditor.registry import Registry, Site
from auditor.spiders.facts import Link, Media, PageFacts
from auditor.store import queries
from auditor.store.database import Store
from auditor.store.pages import ELEMENT_RANGES
from stored_ranges import misplaced_rows

HOME = "https://xa.gov.vn/"
REGISTRY = Registry(path="sites.toml", sites=[Site("xa", "UBND xã", "xa", HOME)])


def page(path: str, links: int, media: int, depth: int = 1, tag: str = "") -> PageFacts:
    url = HOME + path
    return PageFacts(site="xa", url=url, final_url=url, status=200, depth=depth,
                     links=[Link(f"{HOME}{path}{tag}-{n}", f"link {n}", "nav" if n % 2 else "main")
                            for n in range(links)],
                     media=[Media("img", f"{HOME}{path}{tag}-{n}.png", "main", alt=None if n else "")
                            for n in range(media)])


# home: links and media; "empty": none; "pictures": media only; "late": the next batch
PAGES = [page("", 5, 1, depth=0), page("empty", 0, 0), page("pictures", 0, 2)]
LATE = page("late", 3, 0)


def written_store(path) -> tuple[Store, int]:
    """A store of one audit: two batches, the second with the home page fetched again (kept
    once: its other links must not land in the store)."""
    store = Store(path)
    audit_id = store.new_audit(REGISTRY, pack="", settings={}, version="test", pid=1)
    site_row_id = store.site_ids(audit_id)["xa"]
    store.write_pages(audit_id, [(facts, site_row_id) for facts in PAGES])
    store.write_pages(audit_id, [(page("", 4, 4, depth=0, tag="again"), site_row_id), (LATE, site_row_id)])
    return store, audit_id


def stored_elements(store: Store) -> dict[str, tuple[list, list]]:
    """Each page's links (url, text) and media (src) as the range queries read them."""
    read = {}
    for page_id, url in store.db.execute("select id, url from pages order by id").fetchall():
        read[url] = (queries.page_elements(store, "links", page_id, ("url", "text")),
                     queries.page_elements(store, "media", page_id, ("src",)))
    return read


def expected_elements(pages: list[PageFacts]) -> dict[str, tuple[list, list]]:
    return {facts.url: ([(link.url, link.text) for link in facts.links], [(m.src,) for m in facts.media])
            for facts in pages}


def page_id_indexes(conn: sqlite3.Connection) -> list[str]:
    return [name for table in ELEMENT_RANGES for _, name, *_ in conn.execute(f"pragma index_list({table})")]


def as_schema_4(path) -> None:
    """The store as release schema 4 wrote it: page_id indexed, no ranges on the pages."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            for table, ends in ELEMENT_RANGES.items():
                conn.execute(f"create index idx_{table}_page_id on {table} (page_id)")
                for column in ends:
                    conn.execute(f"alter table pages drop column {column}")
            conn.execute("pragma user_version = 4")
    finally:
        conn.close()


def test_each_page_reads_back_its_own_links_and_media_by_its_range(tmp_path):
    store, _ = written_store(tmp_path / "audit.db")
    try:
        assert stored_elements(store) == expected_elements([*PAGES, LATE])
        assert misplaced_rows(store.db.conn) == 0
        assert page_id_indexes(store.db.conn) == []
        assert store.db.conn.execute("pragma foreign_keys").fetchone()[0] == 1  # on again after the write
    finally:
        store.close()


def test_the_check_catches_a_link_written_outside_its_pages_range(tmp_path):
    store, _ = written_store(tmp_path / "audit.db")
    try:
        store.db.conn.execute("update pages set link_last = link_last - 1 where depth = 0")
        assert misplaced_rows(store.db.conn) == 2  # the home's last link, and one row fewer in ranges
        store.db.conn.execute("pragma foreign_keys = off")
        store.db.conn.execute("insert into links (page_id, url) values (999, 'orphan')")
        assert misplaced_rows(store.db.conn) > 3
    finally:
        store.close()


def test_a_schema_4_store_gains_the_ranges_and_reads_resumes_and_merges(tmp_path):
    store, audit_id = written_store(tmp_path / "audit.db")
    site = store.sites(audit_id)[0]
    before = (stored_elements(store), store.links_to_follow(site["id"]),
              build_site_facts(store, site, "2026-06-15").nav)
    store.close()
    as_schema_4(tmp_path / "audit.db")

    store = Store(tmp_path / "audit.db")
    try:
        assert store.db.execute("pragma user_version").fetchone()[0] == 5
        assert len(page_id_indexes(store.db.conn)) == 2  # kept: the older store's own
        after = (stored_elements(store), store.links_to_follow(site["id"]),
                 build_site_facts(store, site, "2026-06-15").nav)
        assert after == before and before[1] and before[2]
        merged = merged_into(store, tmp_path)
        assert stored_elements(store) == {**before[0], **expected_elements(merged)}
        assert misplaced_rows(store.db.conn) == 0
    finally:
        store.close()


def test_a_shard_of_schema_4_merges_with_its_ranges_found(tmp_path):
    store = Store(tmp_path / "audit.db")
    try:
        merged = merged_into(store, tmp_path, shard_schema_4=True)
        assert stored_elements(store) == expected_elements(merged)
        assert misplaced_rows(store.db.conn) == 0
    finally:
        store.close()


def test_a_shard_numbered_in_its_jobs_block_merges_with_its_own_ids_and_rows_copied_whole(tmp_path, monkeypatch):
    copied = []
    copy = shards._copied_whole
    monkeypatch.setattr(shards, "_copied_whole", lambda conn, table: copied.append((table, copy(conn, table))) or copied[-1][1])
    store, _ = written_store(tmp_path / "audit.db")
    try:
        before = stored_elements(store)
        # Jobs end in any order: job 2's shard is merged before job 1's, below it.
        later = merged_into(store, tmp_path, base=row_base(2), tag="2")
        merged = merged_into(store, tmp_path, base=row_base(1))
        ids = [row[0] for row in store.db.execute("select id from pages where id > ? order by id", [row_base(1)])]
        assert ids == [base + n for base in (row_base(1), row_base(2)) for n in (1, 2, 3)]  # their own ids
        assert copied == [("links", True), ("media", True)] * 2
        assert stored_elements(store) == {**before, **expected_elements(later), **expected_elements(merged)}
        assert misplaced_rows(store.db.conn) == 0
    finally:
        store.close()


def test_a_shard_whose_block_the_store_has_passed_merges_by_offset(tmp_path):
    store, _ = written_store(tmp_path / "audit.db")
    try:
        before = stored_elements(store)
        merged = merged_into(store, tmp_path, base=2)  # its ids 3, 4, 5: the store's own already
        assert stored_elements(store) == {**before, **expected_elements(merged)}
        assert misplaced_rows(store.db.conn) == 0
    finally:
        store.close()


def merged_into(store: Store, tmp_path, shard_schema_4: bool = False, base: int = 0,
                tag: str = "") -> list[PageFacts]:
    """A job's shard, written by this release (or as schema 4 wrote it), merged into the
    store's own audit of another site."""
    registry = Registry(path="sites.toml", sites=[Site("xb", "UBND xã B", "xa", "https://xb.gov.vn/")])
    audit_id = store.new_audit(registry, pack="", settings={}, version="test", pid=1)
    queue = JobQueue(store, audit_id)
    queue.add(plan_jobs(registry))
    shard = tmp_path / "shards" / "a2-j1-t1.db"
    pages = [PageFacts(site="xb", url=f"https://xb.gov.vn/{tag}{n}", final_url=f"https://xb.gov.vn/{tag}{n}",
                       status=200, depth=n, links=[Link(f"https://xb.gov.vn/{tag}{n}/{k}", "b", "main")
                                                   for k in range(n)],
                       media=[Media("img", f"https://xb.gov.vn/{n}.png", "main")]) for n in range(3)]
    written = Store(part_path(shard), row_base=base)
    try:
        shard_audit = written.new_audit(registry, pack="", settings={}, version="test", pid=1)
        written.write_pages(shard_audit, [(facts, written.site_ids(shard_audit)["xb"]) for facts in pages])
        written.finish_audit(shard_audit)
    finally:
        written.close()
    if shard_schema_4:
        as_schema_4(part_path(shard))
    seal_shard(shard, {"key": "host:xb", "sites": ["xb"]}, "finished")
    assert merge_shard(store, audit_id, queue.rows("pending")[0]["id"], shard)
    return pages
