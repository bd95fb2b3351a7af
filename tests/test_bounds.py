"""Bounds that keep one bad site from holding the audit, and politeness under pressure:
Retry-After and backoff, a slow site beside a fast one, the whole audit's --max-time, and
names that resolve into the inspector's own network."""

from __future__ import annotations

import time

from auditing import FAST, audit, registry_for
from servers import html, serve


def page(*paths: str) -> tuple:
    return html("<html><body>" + " ".join(f'<a href="{p}">{p}</a>' for p in paths) + "</body></html>")


class Flaky:
    """Answers ``failures`` (status, headers) first, then a page: a server under load."""

    def __init__(self, *failures: tuple[int, dict]):
        self.failures = list(failures)

    def __call__(self, path):
        if self.failures:
            status, headers = self.failures.pop(0)
            return html("bận", status=status, **headers)
        return page()


def test_retry_after_is_honoured_by_the_whole_site_and_backoff_grows(tmp_path):
    routes = {"/": page("/a", "/b", "/c"),
              "/a": Flaky((429, {"Retry-After": "1"})),
              "/b": Flaky((503, {}), (503, {})),
              "/c": page()}
    # With the variant fetches on (issue 12): their quick answers bring AutoThrottle's delay down
    # to the latency, so the request queued behind the 429 may start the moment the 429 is in;
    # the slot is held on response_downloaded, before it can (auditor/crawl/backoff.py).
    with serve(routes) as server:
        audited = audit(tmp_path, registry_for(("s", server.url + "/")), *FAST,
                        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "AUDITOR_BACKOFF_BASE=0.3")
    pages = audited.pages("s")
    assert pages["/a"]["status"] == 200 and pages["/b"]["status"] == 200  # retried until answered
    hits = [(hit.path, hit.at) for hit in server.hits]
    limited_at = next(at for path, at in hits if path == "/a")
    after = [(path, at - limited_at) for path, at in hits if at > limited_at]
    assert after and after[0][1] >= 1.0, after  # nothing of the site before Retry-After passed
    b_times = [hit.at for hit in server.hits if hit.path == "/b" and hit.by_auditor]  # its variants aside
    gaps = [later - earlier for earlier, later in zip(b_times, b_times[1:])]
    assert len(b_times) == 3 and gaps[0] >= 0.3 and gaps[1] >= 0.6, gaps  # 0.3 s, then doubled


def dripping(path):
    def body():
        for _ in range(100):  # 20 s at most, far past the timeout
            yield b" "
            time.sleep(0.2)
    return 200, {"Content-Type": "text/html", "Content-Length": "100000"}, body()


def test_a_slow_site_cannot_starve_a_fast_one(tmp_path):
    fast_pages = [f"/bai-{n}" for n in range(30)]
    slow_pages = [f"/cham-{n}" for n in range(30)]
    with serve({"/": page(*fast_pages)}, fallback=lambda path: page()) as fast, \
            serve({"/": page(*slow_pages), "/robots.txt": html("", status=404)}, fallback=dripping) as slow:
        audited = audit(tmp_path, registry_for(("nhanh", fast.url + "/"), ("cham", slow.url + "/")),
                        *FAST, "--site-seconds", "4")
    assert audited.site("nhanh")["status"] == "ok", audited.site("nhanh")["reason"]
    assert set(fast_pages) <= set(audited.pages("nhanh"))
    fast_span = fast.hits[-1].at - fast.hits[0].at
    assert fast_span < 4, fast_span  # done while the slow site was still hanging
    assert slow.hits[-1].at > fast.hits[-1].at
    status, reason = audited.site("cham")["status"], audited.site("cham")["reason"]
    assert status == "partial" and reason.startswith("time limit"), reason
    assert audited.seconds < 20, audited.seconds  # not 30 pages x 2 attempts x 1.5 s


def test_the_whole_audit_ends_at_max_time_and_says_so(tmp_path):
    with serve({"/": page(*(f"/tin-{n}" for n in range(100)))}, fallback=lambda path: page(),
               delay=0.3) as server:
        audited = audit(tmp_path, registry_for(("s", server.url + "/")), *FAST, "--max-time", "3")
    assert audited.document["audit"]["status"] == "complete"
    site = audited.site("s")
    assert site["status"] == "partial"
    assert site["reason"].startswith("the audit's time limit (--max-time) was reached")
    assert 1 <= site["pages"] < 100
    assert audited.seconds < 15, audited.seconds


def test_a_name_that_resolves_into_a_private_network_is_refused(tmp_path):
    with serve({"/": page()}) as server:
        # "localhost" stands for a hacked commune domain pointed at 127.0.0.1: with no name
        # allowed to resolve privately, the resolver refuses it.
        audited = audit(tmp_path, registry_for(("rebind", f"http://localhost:{server.port}/")),
                        *FAST, "-s", "AUDITOR_PRIVATE_NAMES=[]")
    site = audited.site("rebind")
    assert site["status"] == "unreachable"
    assert site["reason"] == ("private address: localhost resolves to 127.0.0.1, "
                              "kept off the inspector's network")
    assert server.hits == []


def test_a_pinned_name_is_trusted_wherever_it_points(tmp_path):
    with serve({"/": page("/a"), "/a": page()}) as server:
        audited = audit(tmp_path, registry_for(("pinned", f"http://xa-a.quangtri.gov.vn:{server.port}/")),
                        *FAST, "--resolve", "xa-a.quangtri.gov.vn=127.0.0.1")
    assert audited.site("pinned")["status"] == "ok"
    assert set(audited.pages("pinned")) >= {"/", "/a"}


def test_a_site_stops_at_its_byte_budget(tmp_path):
    heavy = html("<html><body>" + "<p>" + "x" * 20_000 + "</p></body></html>")
    with serve({"/": page(*(f"/nang-{n}" for n in range(30)))}, fallback=lambda path: heavy) as server:
        audited = audit(tmp_path, registry_for(("s", server.url + "/")), *FAST,
                        "-s", "AUDITOR_SITE_BYTES=100000")
    site = audited.site("s")
    assert site["status"] == "partial" and site["reason"].startswith("byte budget"), site["reason"]
    # What was in flight when the budget ran out: two downloading, and on a loaded machine a few
    # more downloaded but not yet parsed (the budget is counted as answers are read).
    assert site["bytes"] < 100_000 + 5 * 20_100
    assert len(server.paths("GET")) < 15
