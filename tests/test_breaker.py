"""The failure breaker (auditor/crawl/breaker.py): which answers count toward "10 pages in a row
failed". The whole story, a 5xx storm stopped over real HTTP, is in test_hostile_network.py;
here each role's answers are fed in a fixed order, which a crawl's timing never guarantees."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request

from auditor.crawl.breaker import FailureBreakerMiddleware


class RecordedAnswers:
    """Stands in for the crawl state: the answers the breaker hands on, per site."""

    def __init__(self) -> None:
        self.answers: list[tuple[str, dict | None]] = []

    def note_answer(self, site_id: str, failure: dict | None) -> None:
        self.answers.append((site_id, failure))


@pytest.fixture
def breaker(monkeypatch):
    recorded = RecordedAnswers()
    monkeypatch.setattr(FailureBreakerMiddleware, "state", recorded)
    return FailureBreakerMiddleware(crawler=None), recorded


def answer(middleware, role: str, status: int, path: str = "/a") -> None:
    request = Request(f"http://127.0.0.1/{path.lstrip('/')}", meta={"site": "xa", "role": role})
    middleware.process_response(request, HtmlResponse(request.url, status=status, body=b"x"))


def test_a_page_answer_counts_and_a_failing_one_says_why(breaker):
    middleware, recorded = breaker
    answer(middleware, "page", 200)
    answer(middleware, "page", 503)
    answer(middleware, "page", 429)
    assert recorded.answers == [("xa", None), ("xa", {"status": 503}), ("xa", {"status": 429})]


@pytest.mark.parametrize("role", ["variant", "probe", "robots", "script", "attachment"])
def test_fetches_other_than_pages_neither_fail_nor_reset_the_run(breaker, role):
    # A variant of the home page answered 200 between failing pages used to reset the run, so
    # a storming site cost more pages the more its variants interleaved.
    middleware, recorded = breaker
    answer(middleware, role, 200, "/")
    answer(middleware, role, 503, "/")
    assert recorded.answers == []
