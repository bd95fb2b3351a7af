"""What rules declare they need (``reads``, ``limits``, ``lists``; Lighthouse's requiredArtifacts)
against the facts and the packs. That a rule uses nothing undeclared is checked on every rule
case (tests/test_rules.py, recorded by rulecases.py)."""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from auditor.judge.applicable import missing_requirements, pack_rules
from auditor.judge.config import Config
from auditor.judge.engine import Engine
from auditor.judge.packs import PackError, available_packs, load_pack
from auditor.rules import all_rules
from auditor.browser.rendered import RenderedPage
from auditor.spiders.facts import PageFacts, PageSummary, SiteFacts

FIELDS = {
    "": {f.name for f in dataclasses.fields(PageFacts)} | {f.name for f in dataclasses.fields(SiteFacts)},
    "home.": {f.name for f in dataclasses.fields(PageFacts)},
    "pages.": {f.name for f in dataclasses.fields(PageSummary)},
}
USES = re.compile(r"ctx\.(limit|words)\(\"(\w+)\"\)")


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_pack_holds_what_its_rules_declare(pack_id):
    assert missing_requirements(load_pack(pack_id)) == []


RENDERED = {f.name for f in dataclasses.fields(RenderedPage)}  # what browser rules judge


def test_rules_read_fields_the_facts_have():
    for rule in all_rules():
        for name in rule.reads:
            prefix, _, field = name.rpartition(".")
            prefix = f"{prefix}." if prefix else ""
            known = RENDERED if rule.scope == "browser" else FIELDS.get(prefix, ())
            assert field in known, f"{rule.id} reads {name!r}, which no facts have"


def test_a_rule_module_declares_the_thresholds_and_lists_it_names():
    for rule in all_rules():
        source = Path(sys.modules[type(rule).__module__].__file__).read_text(encoding="utf-8")
        for kind, name in USES.findall(source):
            declared = rule.limits if kind == "limit" else rule.lists
            assert name in declared, f"{rule.id} asks for {kind} {name!r} without declaring it"


def test_a_pack_without_a_declared_threshold_is_refused_at_start_naming_the_pack():
    pack = load_pack("nd224-2026")
    thresholds = {k: v for k, v in pack.thresholds.items() if k != "news_max_age_days"}
    broken = replace(pack, thresholds=thresholds)
    with pytest.raises(PackError, match=r"nd224-2026.*FRS-001 needs threshold 'news_max_age_days'"):
        Engine(broken, Config())


def test_a_threshold_missing_at_one_level_is_named_with_the_level():
    pack = load_pack("nd224-2026")
    thresholds = dict(pack.thresholds, news_max_age_days={"tinh": 7.0, "huyen": 15.0})
    problems = missing_requirements(replace(pack, thresholds=thresholds))
    assert problems == ["FRS-001 needs threshold 'news_max_age_days' (missing for xa)"]


def test_a_missing_list_is_refused_unless_no_rule_that_runs_needs_it():
    pack = load_pack("nd224-2026")
    broken = replace(pack, lists={k: v for k, v in pack.lists.items() if k != "free_mail_domains"})
    assert missing_requirements(broken) == ["FTR-004 needs list 'free_mail_domains'"]
    # switched off by the user's config, the rule needs nothing
    assert missing_requirements(broken, Config(rules={"FTR-004": "off"})) == []
    assert "FTR-004" not in {rule.id for rule in pack_rules(broken, Config(rules={"FTR-004": "off"}))}


def test_engine_rules_command_sarif_and_report_agree_on_which_rules_apply(monkeypatch):
    """One answer (auditor/judge/applicable.py), including a pack's exclusions, which the SARIF
    catalogue used to ignore."""
    import auditor.gate.formats.catalogue as sarif_catalogue
    import auditor.reports.catalogue as report_catalogue

    excluding = replace(load_pack("nd224-2026"), exclude_rules=frozenset({"TEC-002", "SEC-013"}))
    monkeypatch.setattr(sarif_catalogue, "load_pack", lambda pack_id: excluding)
    monkeypatch.setattr(report_catalogue, "load_pack", lambda pack_id: excluding)
    expected = {rule.id for rule in pack_rules(excluding)}
    assert "TEC-002" not in expected and "SEC-013" not in expected and len(expected) == len(all_rules()) - 2
    assert {rule.id for rule in Engine(excluding, Config()).rules} == expected
    assert set(sarif_catalogue.catalogue("nd224-2026")) == expected
    site = {"level": "xa", "registry_status": "active"}
    assert {rule.id for rule in report_catalogue.catalogue_rules("nd224-2026", site)} <= expected
    assert "TEC-001" in {rule.id for rule in report_catalogue.catalogue_rules("nd224-2026", site)}
