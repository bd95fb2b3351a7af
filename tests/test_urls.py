"""URL canonicalisation, prefix scope and trap guards (pure functions)."""

from auditor.spiders.urls import Prefix, Scope, TrapGuard, canonical


def test_canonical_drops_session_ids_fragments_and_default_ports():
    assert canonical("http://A.gov.vn:80/b;jsessionid=X1?y=1&PHPSESSID=2&x=2#top") == "http://a.gov.vn/b?x=2&y=1"
    assert canonical("https://h.vn:443/a?utm_source=fb") == "https://h.vn/a"
    assert canonical("http://h.vn:8080/a") == "http://h.vn:8080/a"


def test_the_longest_prefix_owns_a_url_on_a_shared_host():
    scope = Scope({"tinh": "http://h:1/", "xa-a": "http://h:1/xa-a/", "xa-b": "http://h:1/xa-b"})
    assert scope.owner("http://h:1/tin-tuc/1.html") == "tinh"
    assert scope.owner("http://h:1/xa-a") == "xa-a"
    assert scope.owner("http://h:1/xa-a/gioi-thieu") == "xa-a"
    assert scope.owner("http://h:1/xa-b/") == "xa-b"
    assert scope.owner("http://h:1/xa-bc/") == "tinh"  # a sibling, not a child of /xa-b
    assert scope.owner("http://h:2/xa-a/") is None  # another port is another host


def test_http_and_https_of_one_host_are_one_site():
    prefix = Prefix.of("https://xa.quangtri.gov.vn/")
    assert prefix.holds("http://xa.quangtri.gov.vn/tin-tuc")
    assert not prefix.holds("https://quangtri.gov.vn/")


def test_trap_guard_refuses_loops_calendars_and_explosions():
    guard = TrapGuard(max_per_shape=3, year_window=(1990, 2028))
    assert guard.reason("http://h/vi/vi/vi/tin") == "repeated path segments"
    assert guard.reason("http://h/lich?thang=1&nam=2301") == "calendar far from today"
    assert guard.reason("http://h/?" + "&".join(f"f{i}=1" for i in range(8))) == "too many query parameters"
    assert [guard.reason(f"http://h/tin?page={n}") for n in range(1, 5)] == [None, None, None, "too many URLs of one shape"]
    assert guard.reason("http://h/lich?thang=5&nam=2026") is None
    assert guard.reason("http://h/su-kien/2301/12/") == "calendar far from today"
    assert guard.reason("http://h/lich/1-12-2301.html") == "calendar far from today"
    # a year in a title's slug is no calendar (NukeViet: "... quy hoạch đến năm 2035")
    assert guard.reason("http://h/quy-hoach/quy-hoach-xa-den-nam-2301-11.html") is None


# -- the shortcuts of the hot path agree with the full computation ------------------------
from urllib.parse import urljoin  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402

from auditor.spiders.urls import _canonicalize, absolute  # noqa: E402

_hosts = st.sampled_from(["h.vn", "xa.quangtri.gov.vn", "127.0.0.1", "H.vn", "a-b.vn.", "xn--b-8ka.vn"])
_ports = st.sampled_from(["", ":80", ":443", ":8080", ":080", ":65535", ":65536", ":0"])
_paths = st.text(alphabet="abcXYZ019._~-/%;?#=&:@ ạ", max_size=30)


def _outcome(function, *args):
    try:
        return function(*args)
    except ValueError as error:  # a bad port: both must refuse it
        return type(error)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["http", "https", "HTTP"]), _hosts, _ports, _paths)
def test_canonical_shortcut_agrees_with_w3lib(scheme, host, port, path):
    url = f"{scheme}://{host}{port}/{path}"
    assert _outcome(canonical, url) == _outcome(_canonicalize, url)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["http://h.vn/a/b.html", "https://H.vn:8443/x/", "http://u@h.vn/a?q=1"]),
       st.one_of(_paths, _paths.map(lambda p: "/" + p), _paths.map(lambda p: "//h.vn/" + p),
                 st.builds(lambda h, po, p: f"http://{h}{po}/{p}", _hosts, _ports, _paths)))
def test_absolute_agrees_with_urljoin_then_canonical(base, href):
    assert _outcome(absolute, base, href) == _outcome(lambda b, h: _canonicalize(urljoin(b, h)), base, href)


def test_scope_index_finds_the_same_owner_as_a_scan_of_every_prefix():
    sites = {"tinh": "http://h:1/", "xa-a": "http://h:1/xa-a/", "xa-b": "http://h:1/xa-b",
             "xa-c": "https://xa-c.vn/", "huyen": "http://huyen.vn:8080/p/"}
    scope = Scope(sites)
    prefixes = sorted(((Prefix.of(url), key) for key, url in sites.items()), key=lambda i: -len(i[0].path))
    for url in ("http://h:1/", "http://h:1/xa-a", "http://h:1/xa-b/x", "http://h:2/", "http://xa-c.vn/a",
                "https://XA-C.vn:443/", "http://huyen.vn:8080/p", "http://huyen.vn:8080/q", "http://o.vn/"):
        expected = next((key for prefix, key in prefixes if prefix.holds(url)), None)
        assert scope.owner(url) == expected, url


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_paths.map(lambda p: "/" + p),
                          st.builds(lambda h, po, p: f"http://{h}{po}/{p}", _hosts, _ports, _paths)),
                min_size=1, max_size=5))
def test_absolute_of_one_href_under_bases_of_other_origins(hrefs):
    # absolute() remembers plain URLs by (origin, href): a root-relative href read on one host
    # must not come back with that host when another host's page holds it too.
    bases = ["http://h.vn/a/b.html", "https://h.vn/x/", "http://h.vn:8080/", "http://xa.quangtri.gov.vn/?q=1"]
    for href in hrefs:
        for base in bases:
            assert _outcome(absolute, base, href) == _outcome(lambda b, h: _canonicalize(urljoin(b, h)), base, href)


def test_a_root_relative_href_joins_each_base_s_own_origin():
    assert absolute("http://h.vn/a/", "/tin-tuc/") == "http://h.vn/tin-tuc/"
    assert absolute("https://xa.quangtri.gov.vn/b", "/tin-tuc/") == "https://xa.quangtri.gov.vn/tin-tuc/"
    assert absolute("http://h.vn:8080/", "/tin-tuc/") == "http://h.vn:8080/tin-tuc/"


def test_a_broken_base_still_takes_an_absolute_href():
    broken = "http://[bad/page.html"
    assert absolute(broken, "http://h.vn/a") == "http://h.vn/a"
    for href in ("/a", "a.html"):
        try:
            absolute(broken, href)
        except ValueError:
            continue
        raise AssertionError(f"{href!r} joined to a base with no origin")
