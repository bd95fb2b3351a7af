"""auditor/crawl/gc_freeze.py: start-up frozen, and the young generation's threshold raised so
that a page's objects die before a collection, as the settings ask."""

import gc

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from auditor.crawl.gc_freeze import GcFreeze


@pytest.fixture
def collector():
    threshold = gc.get_threshold()
    gc.unfreeze()  # an earlier crawl of this test process froze its start-up: counted from none
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def _extension(**settings) -> GcFreeze:
    return GcFreeze.from_crawler(get_crawler(settings_dict=settings))


def test_young_threshold_raised_older_ones_kept(collector):
    gc.set_threshold(700, 10, 10)
    _extension(AUDITOR_GC_FREEZE=False, AUDITOR_GC_YOUNG=20_000).spider_opened(None)
    assert gc.get_threshold() == (20_000, 10, 10)
    assert gc.get_freeze_count() == 0


def test_freeze_alone_keeps_pythons_threshold(collector):
    gc.set_threshold(700, 10, 10)
    _extension(AUDITOR_GC_FREEZE=True, AUDITOR_GC_YOUNG=0).spider_opened(None)
    assert gc.get_threshold() == (700, 10, 10)
    assert gc.get_freeze_count() > 0


def test_neither_asked_no_extension():
    with pytest.raises(NotConfigured):
        _extension(AUDITOR_GC_FREEZE=False, AUDITOR_GC_YOUNG=0)


def test_the_auditors_settings_ask_for_both():
    from auditor.crawl import settings

    assert settings.AUDITOR_GC_FREEZE and settings.AUDITOR_GC_YOUNG == 20_000
