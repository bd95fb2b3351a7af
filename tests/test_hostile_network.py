"""Hostile networks and servers, one province audited once: redirect loops, chains and escapes,
SSRF through redirects, traps, 5xx storms, rate limits, resets, silence, drips, DNS and TLS
failures, an empty site, a site closed by robots.txt.

Every site is served on 127.0.0.1 (or named so as to fail). "hostile.test" is a public-looking
name: the audit pins it to 127.0.0.1 with --resolve, as an inspector pins a staging server, so
its redirects to private addresses are judged as a public site's would be.
"""

from __future__ import annotations

import gzip
import re
import socket
from contextlib import ExitStack

import pytest

from auditing import FAST, audit, registry_for
from servers import drip, hang_up, html, not_tls, raw_server, reset, serve, silent


def page(*paths: str, head: str = "") -> tuple:
    body = " ".join(f'<a href="{path}">{path}</a>' for path in paths)
    return html(f"<html><head><title>T</title>{head}</head><body>{body}</body></html>")


def moved(location: str, status: int = 301) -> tuple:
    return status, {"Location": location}, b""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def calendar(path: str):
    """An endless calendar and a filter that multiplies query strings: every page links on."""
    numbers = [int(n) for n in re.findall(r"\d+", path)] or [0]
    n = numbers[-1]
    return page(f"/lich?ngay={n + 1}", f"/lich?ngay={n + 2}", f"/tim?q=a&sap-xep={n}&trang={n + 1}",
                f"/tim?q=b&trang={n + 1}&loc={n}", f"/lich/{n + 1}/thang")


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    with ExitStack() as stack:
        def start(routes, fallback=None, **kwargs):
            return stack.enter_context(serve(routes, fallback, **kwargs))

        secret = start({}, fallback=lambda path: html("secret"))  # the inspector's own network
        empty = start({"/": (200, {"Content-Type": "text/html"}, b"")})
        redir = start({
            "/": page("/vong/a", "/chuoi/0", "/sang-trang-khac", "/ra-ngoai", "/cu", "/tin-tuc",
                      "/tin-tuc/", "/tu-lam-moi", "/lam-moi-ra-ngoai"),
            "/vong/a": moved("/vong/b", 302), "/vong/b": moved("/vong/a", 302),
            **{f"/chuoi/{n}": moved(f"/chuoi/{n + 1}") for n in range(40)},
            "/sang-trang-khac": moved(empty.url + "/"),  # into another registered site
            "/ra-ngoai": moved("http://quang-cao.example/"),  # off the registry
            "/cu": moved("/"),  # an old address of a page already crawled
            "/tin-tuc": moved("/tin-tuc/"), "/tin-tuc/": page(),
            "/tu-lam-moi": page(head='<meta http-equiv="refresh" content="5;url=/tu-lam-moi">'),
            "/lam-moi-ra-ngoai": page(head='<meta http-equiv="refresh" content="0;url=http://x.example/">'),
        })
        hostile = start({
            "/": page("/r1", "/r2", "/r3", "/r4", "/r5", "/r6", "/r7", "/r8"),
            "/r1": moved(f"http://127.0.0.1:{secret.port}/admin", 302),
            "/r2": moved(f"http://[::1]:{secret.port}/", 302),
            "/r3": moved("http://169.254.169.254/latest/meta-data/", 302),
            "/r4": moved(f"http://2130706433:{secret.port}/", 302),
            "/r5": page(head=f'<meta http-equiv="refresh" content="0;url=http://127.0.0.1:{secret.port}/x">'),
            "/r6": moved(f"http://localhost:{secret.port}/", 302),
            "/r7": moved(f"http://10.0.0.1:{secret.port}/", 307),
            # The same meta refresh in a gzip-compressed page: judged after decompression.
            "/r8": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(
                f'<meta http-equiv="refresh" content="0;url=http://127.0.0.1:{secret.port}/y">'.encode())),
        })
        loopback = start({"/": page("/a"), "/a": moved("/b"), "/b": page()})
        traps = start({"/": calendar("/")}, fallback=calendar)
        storm = start({"/": page(*(f"/trang-{a}{b}" for a in "abcdef" for b in "ghijklmnop"))},
                      fallback=lambda path: html("quá tải", status=503))
        broken_home = start({}, fallback=lambda path: html("lỗi", status=500))
        limited = start({"/": html("chậm lại", status=429, **{"Retry-After": "3600"})})
        robots = start({"/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /\n"),
                        "/": page("/a")})
        self_signed = start({"/": page("/a"), "/a": page()}, tls=True)
        sites = {
            "redir": redir.url + "/", "hostile": f"http://hostile.test:{hostile.port}/",
            "loopback": f"http://localhost:{loopback.port}/", "traps": traps.url + "/",
            "storm": storm.url + "/", "broken-home": broken_home.url + "/",
            "limited": limited.url + "/", "empty": empty.url + "/", "robots": robots.url + "/",
            "self-signed": self_signed.url + "/",
            "reset": stack.enter_context(raw_server(reset)).url + "/",
            "hang-up": stack.enter_context(raw_server(hang_up)).url + "/",
            "drip": stack.enter_context(raw_server(drip)).url + "/",
            "silent": stack.enter_context(raw_server(silent)).url + "/",
            "not-tls": stack.enter_context(raw_server(not_tls)).url.replace("http:", "https:") + "/",
            "plain-as-https": f"https://127.0.0.1:{empty.port}/",
            "dns": "http://xa-khong-ton-tai.invalid/",
            "refused": f"http://127.0.0.1:{free_port()}/",
        }
        audited = audit(tmp_path_factory.mktemp("network"), registry_for(*sites.items()), *FAST,
                        "--resolve", "hostile.test=127.0.0.1", "-s", "AUDITOR_MAX_PER_SHAPE=15",
                        "--max-pages", "100")
        audited.servers = {"secret": secret, "storm": storm, "traps": traps, "limited": limited,
                           "broken-home": broken_home, "robots": robots}
        yield audited


def status(province, site: str) -> tuple[str, str]:
    row = province.site(site)
    return row["status"], row["reason"]


def test_the_audit_completes_and_every_site_has_a_status(province):
    assert province.document["audit"]["status"] == "complete"
    assert all(site["status"] in ("ok", "partial", "unreachable", "blocked")
               for site in province.document["sites"])
    assert province.seconds < 60, province.seconds


def test_redirect_loops_and_long_chains_stop_and_say_so(province):
    pages = province.pages("redir")
    loop = pages["/vong/a"]
    assert loop["status"] == 302 and loop["error"].startswith("redirect loop: ")
    assert re.fullmatch(r"redirect loop: \S+/vong/a → \S+/vong/b → \S+/vong/a", loop["error"])
    chain = pages["/chuoi/0"]
    assert chain["error"].startswith("redirect chain too long: more than 10 hops")
    assert status(province, "redir") == ("ok", "")


def test_redirects_off_the_site_are_recorded_not_followed(province):
    pages = province.pages("redir")
    assert pages["/sang-trang-khac"]["error"].startswith("redirect off the site to http://127.0.0.1:")
    assert pages["/ra-ngoai"]["error"] == "redirect off the site to http://quang-cao.example/"
    refresh = pages["/lam-moi-ra-ngoai"]  # a meta refresh away: the page is read, not left
    assert refresh["error"] is None and refresh["redirects"].endswith('"http://x.example/"]')
    assert province.pages("empty").keys() == {"/", "/sitemap.xml"}  # not fetched for redir


def test_a_redirect_to_a_page_already_crawled_is_kept_as_a_redirect(province):
    pages = province.pages("redir")
    old = pages["/cu"]
    assert old["status"] == 301 and old["error"] is None
    assert old["final_url"] == pages["/"]["url"]
    assert pages["/tin-tuc"]["final_url"] == pages["/tin-tuc/"]["url"]  # one page, two addresses
    assert pages["/tu-lam-moi"]["error"] is None and pages["/tu-lam-moi"]["status"] == 200


def test_redirects_from_a_public_site_into_private_networks_are_refused(province):
    pages = province.pages("hostile")
    for path in ("/r1", "/r2", "/r3", "/r4", "/r6", "/r7"):
        assert pages[path]["error"].startswith("redirect to a private address refused: "), path
    assert pages["/r3"]["error"].endswith("http://169.254.169.254/latest/meta-data/")
    for path in ("/r5", "/r8"):
        assert pages[path]["error"].startswith("meta refresh to a private address refused: "), path
    assert province.servers["secret"].hits == []  # nothing reached the inspector's network
    assert status(province, "hostile")[0] == "ok"


def test_a_site_registered_on_loopback_may_redirect_within_itself(province):
    pages = province.pages("loopback")
    assert pages["/a"]["status"] == 200 and pages["/a"]["final_url"].endswith("/b")
    assert status(province, "loopback") == ("ok", "")


def test_calendars_and_query_string_explosions_are_bounded(province):
    site_status, reason = status(province, "traps")
    assert "trap URLs skipped" in reason
    fetched = province.servers["traps"].paths("GET", own=True)  # variant fetches repeat a sample
    shapes = [re.sub(r"\d+", "N", path) for path in fetched]
    assert max(shapes.count(shape) for shape in set(shapes)) <= 15  # AUDITOR_MAX_PER_SHAPE
    assert len(fetched) < 100  # well inside the page budget


def test_a_5xx_storm_stops_the_site_after_ten_failures_in_a_row(province):
    assert status(province, "storm") == ("partial", "10 pages in a row failed (HTTP 503)")
    hits = [hit.path for hit in province.servers["storm"].hits]
    assert len(hits) < 25, " ".join(hits)  # not 60 pages x 3 attempts
    # Ten failing pages, then at most the two in flight (CONCURRENT_REQUESTS_PER_DOMAIN): the
    # home page's variants, answered between them, do not restart the count.
    pages = [path for path in hits if path.startswith("/trang-")]
    assert len(pages) <= 12, " ".join(hits)


def test_a_broken_home_page_is_retried_with_backoff_then_reported(province):
    assert status(province, "broken-home") == ("unreachable", "HTTP 500 on the home page (server error)")
    home_hits = [hit.at for hit in province.servers["broken-home"].hits if hit.path == "/"]
    assert len(home_hits) == 3  # two retries
    gaps = [b - a for a, b in zip(home_hits, home_hits[1:])]
    assert gaps[0] >= 0.1 and gaps[1] >= 0.2  # AUDITOR_BACKOFF_BASE 0.1 s, doubling


def test_a_retry_after_longer_than_the_audit_waits_is_reported_not_waited_for(province):
    site_status, reason = status(province, "limited")
    assert site_status == "blocked"
    assert reason == "rate-limited: HTTP 429 on the home page, asked to wait 3600 s, longer than the audit waits"
    assert province.servers["limited"].paths("GET").count("/") == 1


@pytest.mark.parametrize("site, expected", [
    ("reset", "reset: the connection was reset before an answer"),
    ("hang-up", "reset: the server closed the connection without answering"),
    ("drip", "timeout: no answer within 1.5 s"),
    ("silent", "timeout: no answer within 1.5 s"),
    ("not-tls", "tls: the secure connection failed (handshake failure)"),
    ("plain-as-https", "tls: the secure connection failed (the port does not speak TLS)"),
    ("dns", "dns: the host name xa-khong-ton-tai.invalid does not resolve"),
])
def test_network_failures_make_the_site_unreachable_with_the_reason(province, site, expected):
    assert status(province, site) == ("unreachable", expected)


def test_a_refused_connection_names_the_address(province):
    site_status, reason = status(province, "refused")
    assert site_status == "unreachable" and reason.startswith("refused: nothing answers on 127.0.0.1:")


def test_an_empty_site_is_reported_as_empty(province):
    assert status(province, "empty") == ("ok", "the home page is empty")


def test_robots_txt_closing_the_site_is_blocked_not_crawled(province):
    assert status(province, "robots") == ("blocked", "robots.txt disallows the site")
    assert province.site("robots")["pages"] == 0
    assert province.servers["robots"].paths() == ["/robots.txt"]
    rules = {finding["rule"] for finding in province.document["findings"] if finding["site"] == "robots"}
    assert not any(rule.startswith("SEC-") for rule in rules), rules  # not "missing sections"


def test_a_self_signed_certificate_is_crawled_and_recorded(province):
    assert status(province, "self-signed")[0] == "ok"
    assert set(province.pages("self-signed")) >= {"/", "/a"}
    probe = province.query("select probe from sites where key = 'self-signed'")[0][0]
    assert '"certificate": "not valid: self-signed certificate"' in probe
