"""The law as data (issue 18): citations valid by date and level, severity capped without a
breach, the advertising article chosen by the audit date, docs/law.md in step with the data."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from auditor.judge import law, lawdoc
from auditor.judge.engine import Engine
from auditor.judge.findings import Finding
from auditor.judge.packs import available_packs, load_pack
from auditor.registry import LEVELS
from auditor.rules import all_rules, rule_by_id

DOCS = Path(__file__).parent.parent / "docs" / "law.md"


def pack_days(pack) -> list[date]:
    """The first and last day of a pack's regime (a year on for the one still in force)."""
    return [pack.in_force_from, pack.in_force_to or pack.in_force_from + timedelta(days=365)]


def test_every_rule_has_its_basis_in_the_data_and_every_citation_names_a_known_text():
    for rule in all_rules():
        entry = rule.law()
        assert all(c.text.key in law.texts() for c in entry.citations), rule.id
        assert entry.citations or entry.note, f"{rule.id}: no citation and no note saying why"


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_printed_basis_is_in_force_on_the_packs_dates_and_binds_the_level(pack_id):
    pack = load_pack(pack_id)
    checked = 0
    for day in pack_days(pack):
        for level in LEVELS:
            for rule in all_rules():
                judgement = law.judge(rule.id, day, level, rule.id in pack.level(level).recommended)
                for cite in judgement.citations:
                    if judgement.earlier:  # guidance: a text that bound the level and has ended
                        assert cite.text.in_force_to < day and level in cite.levels
                    else:
                        assert cite.text.in_force_on(day), (rule.id, level, day, cite.text.key)
                        assert level in cite.text.levels and level in cite.levels
                    checked += 1
                if judgement.kind != "breach":
                    assert "không phải vi phạm pháp luật" in judgement.text("vi")
    assert checked > 50


@pytest.mark.parametrize("pack_id", available_packs())
def test_a_commune_never_cites_decree_43_or_circular_32(pack_id):
    pack = load_pack(pack_id)
    for day in pack_days(pack):
        for rule in all_rules():
            text = law.judge(rule.id, day, "xa", rule.id in pack.level("xa").recommended).text("vi")
            assert "43/2011" not in text and "32/2017" not in text, (rule.id, day, text)


def test_mandatory_sections_follow_a_text_in_force_and_the_rest_are_recommendations():
    for pack_id in available_packs():
        pack = load_pack(pack_id)
        for level, spec in pack.levels.items():
            day = pack.in_force_to or pack.in_force_from
            if not law.level_exists(level, day):  # districts: the regime's last day they existed
                day = date(2025, 6, 30)
            for section in spec.sections:
                assert law.judge(section, day, level).kind == "breach", (pack_id, level, section)
    nd224 = load_pack("nd224-2026")
    assert law.judge("SEC-002", date(2026, 11, 20), "xa", True).kind == "recommendation"


def test_advertising_article_23_is_chosen_by_the_audit_date():
    before = law.judge("ADS-002", date(2025, 12, 31), "xa").citations
    after = law.judge("ADS-002", date(2026, 1, 1), "xa").citations
    assert [c.text.key for c in before] == ["QC2012"] and [c.text.key for c in after] == ["QC2025"]
    assert "lẫn vào phần nội dung tin" in before[0].quote
    assert "dấu hiệu nhận diện rõ ràng" in after[0].quote
    engine_before = Engine(load_pack("nd42-2022"), audit_date="2025-12-15")
    engine_after = Engine(load_pack("nd42-2022"), audit_date="2026-01-15")
    rule = rule_by_id("ADS-002")
    cited = [e.finish(Finding(rule="ADS-002", site="x", message="m"), rule, "xa").basis
             for e in (engine_before, engine_after)]
    assert "Luật Quảng cáo 16/2012/QH13, điểm a khoản 2 Điều 23" in cited[0]
    assert "Luật 75/2025/QH15" not in cited[0]
    assert "sửa đổi, bổ sung bởi Luật 75/2025/QH15), điểm a khoản 2 Điều 23" in cited[1]


def test_no_error_without_a_breach_and_the_kind_travels_with_the_finding():
    engine = Engine(load_pack("nd224-2026"), audit_date="2026-11-20")
    https = engine.finish(Finding(rule="TEC-001", site="x", message="m"), rule_by_id("TEC-001"), "xa")
    assert https.severity == "warning" and https.basis_kind == "quality"
    assert https.basis.startswith("Đánh giá như tiêu chí chất lượng")
    gambling = engine.finish(Finding(rule="ADS-003", site="x", message="m"), rule_by_id("ADS-003"), "xa")
    assert gambling.severity == "error" and gambling.basis_kind == "breach"
    news = engine.finish(Finding(rule="SEC-002", site="x", message="m", severity="error"),
                         rule_by_id("SEC-002"), "tinh")
    assert news.severity == "warning" and news.basis_kind == "recommendation"
    assert "Đánh giá theo hướng dẫn" in news.basis and "43/2011" in news.basis
    assert news.to_row(1)["basis_kind"] == "recommendation"


def test_a_district_under_decree_224_is_judged_only_by_laws_that_bind_it_and_as_abolished():
    engine = Engine(load_pack("nd224-2026"), audit_date="2026-11-20")
    ctx_rules = {r.id for r in engine.rules
                 if law.runs_on(r.id, engine.judgement(r, "huyen"), False)}
    assert {"FRS-005", "ADS-003", "TEC-003"} <= ctx_rules
    assert not {"SEC-001", "FTR-001", "TEC-002", "SEC-012"} & ctx_rules


def test_docs_law_md_is_generated_from_the_data():
    assert DOCS.read_text(encoding="utf-8") == lawdoc.render(), \
        "docs/law.md is stale: python -m auditor.judge.lawdoc > docs/law.md"
