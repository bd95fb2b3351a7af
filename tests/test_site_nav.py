"""auditor/judge/sitefacts._nav: the site's menu links, each (url, text) once, the first row kept."""

from auditor.judge.sitefacts import _nav
from auditor.registry import Registry, Site
from auditor.spiders.facts import Link, PageFacts
from auditor.store.database import Store

SITE_URL = "https://xa.gov.vn/"


def page(path: str, links: list[Link]) -> PageFacts:
    return PageFacts(site="xa", url=SITE_URL + path, final_url=SITE_URL + path, status=200,
                     content_type="text/html", bytes=100, is_html=True, links=links)


def one_site_store(tmp_path) -> tuple[Store, int, int]:
    """A store with an audit of one site: (store, audit id, the site's row id)."""
    store = Store(tmp_path / "a.db")
    audit_id = store.new_audit(Registry(path="<test>", sites=[Site(id="xa", name="UBND xã", level="xa",
                                                                    url=SITE_URL)]),
                               pack="", settings={}, version="test", pid=0)
    return store, audit_id, store.site_ids(audit_id)["xa"]


def test_each_menu_link_once_as_first_stored(tmp_path):
    store, audit_id, site_row = one_site_store(tmp_path)
    first = [Link(SITE_URL + "tin-tuc", "Tin tức", "nav"),
             Link(SITE_URL + "lien-he", "Liên hệ", "footer", title="Liên hệ với chúng tôi"),
             Link(SITE_URL + "bai-viet", "Một bài viết", "main")]  # not a menu link
    second = [Link(SITE_URL + "tin-tuc", "Tin tức", "header", has_image=True),  # seen: the first kept
              Link(SITE_URL + "tin-tuc", "TIN TỨC", "nav"),  # another text: another link
              Link(SITE_URL + "lien-he", "Liên hệ", "footer")]
    store.write_pages(audit_id, [(page("", first), site_row), (page("a", second), site_row)])
    assert _nav(store, site_row) == [first[0], first[1], second[1]]
    store.close()


def test_more_menu_links_than_one_query_binds(tmp_path, monkeypatch):
    """The kept rows are read back in chunks of rowids: every link comes back, in stored order."""
    from auditor.store import queries

    monkeypatch.setattr(queries, "VALUES_PER_QUERY", 3)
    store, audit_id, site_row = one_site_store(tmp_path)
    pages = [[Link(f"{SITE_URL}muc-{n}-{p}", f"Mục {n}", "nav", label=f"trang {p}") for n in range(4)]
             + [Link(SITE_URL + "chung", "Chung", "footer", label=f"trang {p}")] for p in range(3)]
    store.write_pages(audit_id, [(page(f"p{p}", links), site_row) for p, links in enumerate(pages)])
    expected = [link for p, links in enumerate(pages) for link in links if p == 0 or link.text != "Chung"]
    assert _nav(store, site_row) == expected
    assert len(expected) == 13
    store.close()


def test_the_referrers_of_several_urls_in_one_pass(tmp_path, monkeypatch):
    """Each url's linking pages: distinct, in the order pages were stored, at most ``limit``; an
    url no page links to has none (TEC-004 does not report it). Urls past one query's bound
    values are asked in further queries."""
    from auditor.store import queries

    monkeypatch.setattr(queries, "VALUES_PER_QUERY", 2)
    store, audit_id, site_row = one_site_store(tmp_path)
    gone, moved = SITE_URL + "cu", SITE_URL + "da-chuyen"
    pages = [page(f"p{n}", [Link(gone, "Cũ", "main"), Link(gone, "Cũ nữa", "nav")]
                  + ([Link(moved, "Đã chuyển", "footer")] if n % 2 else [])) for n in range(5)]
    store.write_pages(audit_id, [(facts, site_row) for facts in pages])
    found = queries.referrers(store, site_row, [gone, moved, SITE_URL + "khong-ai", SITE_URL + "p0"], limit=3)
    assert found == {gone: [SITE_URL + "p0", SITE_URL + "p1", SITE_URL + "p2"],
                     moved: [SITE_URL + "p1", SITE_URL + "p3"], SITE_URL + "khong-ai": [], SITE_URL + "p0": []}
    store.close()
