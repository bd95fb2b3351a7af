"""rules/_spam.py and rules/_web.py shortcuts: the same answers as the plain loops they replace."""

from types import SimpleNamespace

import pytest

from auditor.rules._spam import link_terms, url_terms
from auditor.rules._text import fold
from auditor.rules._web import in_list

TERMS = ("nhà cái", "nha cai", "tai xiu", "casino", "w88", "fb88", "188bet", "789bet", "8xbet", "kubet")


def url_terms_by_scan(url: str, terms) -> list[str]:
    """url_terms as it was: every word scanned for each term glued to digits."""
    words = f" {fold(url)} "
    glued = set(fold(url).split())
    found = []
    for term in terms:
        if term.isascii():
            joined = fold(term).replace(" ", "")
            if f" {fold(term)} " in words or joined in glued or any(
                    w.startswith(joined) and w[len(joined):].isdigit() for w in glued):
                found.append(term)
    return found


@pytest.mark.parametrize("url", [
    "https://fb8899.com/", "https://fb88.vip/", "https://fb8.com/", "https://w88w.net/",
    "https://taixiu88.club/nha-cai", "https://x.com/nhacai-uytin", "https://188bet1.com/",
    "https://789bet.com/78", "https://88.com/", "https://kubet.com/kubet2024/casino-9",
    "https://quangtri.gov.vn/tin-tuc", "", "https://8xbet8x.com/",
])
def test_url_terms_as_by_scan(url):
    assert url_terms(url, TERMS) == url_terms_by_scan(url, TERMS)


def test_a_term_glued_to_digits_is_found_and_one_cut_short_is_not():
    assert url_terms("https://fb8899.com/", TERMS) == ["fb88"]
    assert url_terms("https://fb8.com/", TERMS) == []


def test_in_list_same_for_a_tuple_and_a_list():
    entries = ("vnexpress.net", ".baochinhphu.vn", "net", "VTV.vn")
    for host in ("vnexpress.net", "m.vnexpress.net", "baochinhphu.vn", "x.net", "vtv.vn", "evnexpress.net", ""):
        assert in_list(host, entries) == in_list(host, list(entries))
    assert in_list("m.vnexpress.net", entries) == "vnexpress.net"  # the first entry that matches
    assert in_list("evnexpress.net", entries) == "net"


def test_link_terms_cached_answers_do_not_share_a_list():
    ctx = SimpleNamespace(words=lambda name: list(TERMS) if name == "gambling_terms" else [])  # lists too
    link = SimpleNamespace(text="Nhà cái uy tín", title="", url="https://fb8899.com/")
    first = link_terms(link, ctx)
    assert first == ["nhà cái", "fb88"]
    first.append("changed")
    assert link_terms(link, ctx) == ["nhà cái", "fb88"]


def test_outside_host_as_is_outside():
    from auditor.rules._web import host_of, is_outside, is_outside_host, own_hosts
    ctx = SimpleNamespace(site_url="https://xa-a.quangtri.gov.vn/", site_domain="xa-a.quangtri.gov.vn",
                          registry_hosts=frozenset({"xa-b.quangtri.gov.vn"}))
    urls = ["https://xa-a.quangtri.gov.vn/tin", "https://www.xa-a.quangtri.gov.vn/",
            "https://xa-b.quangtri.gov.vn/", "https://fb88.com/", "mailto:a@b.vn", "",
            "https://quangtri.gov.vn/", "http://XA-A.quangtri.gov.vn:8080/"]
    assert [is_outside_host(host_of(u), own_hosts(ctx)) for u in urls] == [is_outside(u, ctx) for u in urls]
    assert [is_outside(u, ctx) for u in urls] == [False, False, False, True, False, False, False, False]


def test_outside_links_are_the_links_is_outside_keeps_in_page_order():
    from auditor.rules._web import host_of, is_outside, outside_links
    ctx = SimpleNamespace(site_url="https://xa-a.quangtri.gov.vn/", site_domain="xa-a.quangtri.gov.vn",
                          registry_hosts=frozenset({"xa-b.quangtri.gov.vn"}))
    urls = ["https://fb88.com/", "https://xa-a.quangtri.gov.vn/tin", "https://chinhphu.vn/", "",
            "https://xa-b.quangtri.gov.vn/", "https://fb88.com/", "mailto:a@b.vn", "https://kubet.vn/x"]
    links = [SimpleNamespace(url=url) for url in urls]
    expected = [(link, host_of(link.url)) for link in links if is_outside(link.url, ctx)]
    assert outside_links(links, ctx) == expected and len(expected) == 4
    # by identity: an equal list of other links is a page of its own, and another site's
    # page with the same list is judged by that site's hosts
    again = [SimpleNamespace(url=url) for url in urls[:2]]
    assert [link for link, _ in outside_links(again, ctx)] == [again[0]]
    other_site = SimpleNamespace(site_url="https://fb88.com/", site_domain="fb88.com", registry_hosts=frozenset())
    assert [host for _, host in outside_links(links, other_site)] == [
        "xa-a.quangtri.gov.vn", "chinhphu.vn", "xa-b.quangtri.gov.vn", "kubet.vn"]
    assert outside_links(links, ctx) == expected
