"""Every fact survives the store: the site rules read, from the stored rows, the home page's facts
as the spider gathered them, and each page's summary.

The facts are generated from their declarations (spiders/facts.py), every field set to a value
other than its default, so a fact added tomorrow is covered by this test with no edit here.
"""

from __future__ import annotations

import dataclasses
import typing

from auditor.judge.sitefacts import build_site_facts
from auditor.registry import Registry, Site
from auditor.spiders.facts import PageFacts, PageSummary
from auditor.spiders.outcomes import Reason
from auditor.store.database import Store

SITE_URL = "https://xa.example.gov.vn/"


def sample(annotation, name: str, salt: int):
    """A value of the annotated type, unlike any default."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType")):
        return sample(next(a for a in args if a is not type(None)), name, salt)
    if annotation is Reason:
        return Reason("timeout", {"seconds": 30})
    if annotation is bool:
        return True
    if annotation is int:
        return 7 + salt
    if annotation is float:
        return 1.5 + salt
    if annotation is str:
        return f"{name} {salt} – chữ Việt"
    if origin is list:
        return [sample(args[0], name, salt), sample(args[0], name, salt + 1)]
    if origin is dict:
        return {f"{name}-key": f"{name}-value"}
    if dataclasses.is_dataclass(annotation):
        return generated(annotation, salt)
    raise AssertionError(f"no sample for {name}: {annotation}")


def generated(cls, salt: int = 0, **fixed):
    hints = typing.get_type_hints(cls)
    values = {f.name: sample(hints[f.name], f.name, salt) for f in dataclasses.fields(cls)}
    return cls(**{**values, **fixed})


def stored_and_read_back(tmp_path, pages: list[PageFacts]):
    site = Site(id="xa", name="UBND xã", level="xa", url=SITE_URL)
    store = Store(tmp_path / "facts.db")
    try:
        audit_id = store.new_audit(Registry(path="<test>", sites=[site]), pack="", settings={},
                                   version="test", pid=0)
        site_row_id = store.site_ids(audit_id)["xa"]
        store.write_pages(audit_id, [(facts, site_row_id) for facts in pages])
        return build_site_facts(store, store.sites(audit_id)[0], "2026-06-15")
    finally:
        store.close()


def test_the_home_page_reads_back_whole(tmp_path):
    home = generated(PageFacts, site="xa", url=SITE_URL, depth=0)
    site = stored_and_read_back(tmp_path, [home])
    assert site.home is not None
    for field in dataclasses.fields(PageFacts):
        assert getattr(site.home, field.name) == getattr(home, field.name), field.name


def test_every_page_reads_back_as_its_summary(tmp_path):
    home = generated(PageFacts, site="xa", url=SITE_URL, depth=0)
    deep = generated(PageFacts, salt=5, site="xa", url=SITE_URL + "tin-tuc/1.html", depth=2)
    deep.main_text = "Nội dung. " * 300  # longer than the stored sample
    site = stored_and_read_back(tmp_path, [home, deep])
    summary = next(page for page in site.pages if page.url == deep.url)
    derived = {"text_length": len(deep.main_text), "text_sample": deep.main_text[:1000]}
    for field in dataclasses.fields(PageSummary):
        expected = derived[field.name] if field.name in derived else getattr(deep, field.name)
        assert getattr(summary, field.name) == expected, field.name


def test_navigation_links_read_back_with_every_field(tmp_path):
    home = generated(PageFacts, site="xa", url=SITE_URL, depth=0)
    for link in home.links:
        link.region = "nav"
    site = stored_and_read_back(tmp_path, [home])
    assert site.nav == home.links
