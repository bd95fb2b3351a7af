"""Micro-benchmark: fact extraction plus all page rules on one portal page of 60 KB and 150 KB.

Run explicitly (pytest's testpaths is tests/, so the unit tests never collect it):

    .venv/bin/pytest bench/test_micro.py
    .venv/bin/pytest bench/test_micro.py --benchmark-compare   # against the last saved run

What is timed is what the crawler does per HTML page once it has the body: parse (parsel,
as Scrapy's response.selector does), extract the facts, run the engine's page rules.
"""

from __future__ import annotations

from datetime import date

import pytest
from scrapy.http import HtmlResponse

from auditor.judge.engine import Engine
from auditor.judge.packs import resolve_pack
from auditor.registry import Site
from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts
from synth import portal_page

SITE = Site(id="huong-lap", name="UBND xã Hướng Lập", level="xa",
            url="https://xa-huong-lap.quangtri.gov.vn/", domain="huonglap.quangtri.gov.vn")
PAGES = {"60KB": (60_000, 300), "150KB": (150_000, 500)}


@pytest.fixture(scope="module")
def engine() -> Engine:
    day = date.today()
    return Engine(resolve_pack("", day), None, day, [SITE])


@pytest.fixture(scope="module", params=sorted(PAGES), ids=sorted(PAGES))
def page(request) -> tuple[str, bytes]:
    size, links = PAGES[request.param]
    return portal_page(size, links)


def facts_of(url: str, body: bytes) -> PageFacts:
    response = HtmlResponse(url, body=body, encoding="utf-8")
    facts = PageFacts(site=SITE.id, url=url, final_url=url, status=200,
                      content_type="text/html", bytes=len(body), is_html=True)
    return extract(facts, response.selector.root, url)


def test_extract_and_page_rules(benchmark, page, engine):
    url, body = page

    def judge():
        facts = facts_of(url, body)
        return facts, engine.judge_page(facts, SITE)

    facts, findings = benchmark(judge)
    assert len(facts.links) >= 290 and facts.main_text
    benchmark.extra_info.update(bytes=len(body), links=len(facts.links), findings=len(findings),
                                page_rules=len(engine.page_rules))


def test_extract_only(benchmark, page):
    url, body = page
    facts = benchmark(facts_of, url, body)
    assert len(facts.links) >= 290


def test_page_rules_only(benchmark, page, engine):
    url, body = page
    facts = facts_of(url, body)
    benchmark(engine.judge_page, facts, SITE)
