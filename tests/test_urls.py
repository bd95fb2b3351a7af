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
