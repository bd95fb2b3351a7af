"""Rule packs: the regime in force on a date, what each regime asks of each level, citations."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.errors import UsageError
from auditor.judge.packs import available_packs, lineage, load_pack, pack_for_date, resolve_pack
from auditor.rules import all_rules, rule_by_id


@pytest.mark.parametrize("day, expected", [
    (date(2005, 1, 1), "nd43-2011"),    # before the first regime: the first
    (date(2011, 10, 1), "nd43-2011"),
    (date(2022, 8, 14), "nd43-2011"),   # the last day of Decree 43/2011
    (date(2022, 8, 15), "nd42-2022"),
    (date(2026, 6, 30), "nd42-2022"),
    (date(2026, 7, 1), "nd224-2026"),
    (date(2031, 1, 1), "nd224-2026"),   # open-ended
])
def test_the_default_pack_is_the_regime_in_force(day, expected):
    assert pack_for_date(day).id == expected
    assert resolve_pack("", day).id == expected


def test_a_named_pack_wins_over_the_date_and_an_unknown_one_is_a_usage_error():
    assert resolve_pack("nd43-2011", date(2026, 11, 20)).id == "nd43-2011"
    with pytest.raises(UsageError, match="unknown rule pack 'nd99'.*nd43-2011, nd42-2022, nd224-2026"):
        resolve_pack("nd99", date(2026, 11, 20))


def test_packs_are_listed_oldest_first_and_chain_to_their_predecessors():
    assert available_packs() == ["nd43-2011", "nd42-2022", "nd224-2026"]
    assert lineage("nd224-2026") == ("nd224-2026", "nd42-2022", "nd43-2011")


def test_which_levels_a_regime_covers():
    nd43, nd42, nd224 = (load_pack(p) for p in ("nd43-2011", "nd42-2022", "nd224-2026"))
    # no communes in Decree 43/2011: only what the Access to Information Law asks of them
    assert not nd43.level("xa").covered and nd43.level("xa").sections == ("SEC-007", "SEC-011")
    assert nd42.level("xa").covered and "SEC-010" in nd42.level("xa").sections
    assert not nd224.level("huyen").covered  # districts abolished on 1 Jul 2025
    # Decree 224/2026 and the Access to Information Law require eight; the rest are recommended
    assert len(nd224.level("tinh").sections) == 8 and "SEC-002" in nd224.level("tinh").recommended


def test_thresholds_are_per_level_and_lists_come_from_the_data_files():
    pack = load_pack("nd224-2026")
    assert pack.limits_for("tinh")["news_max_age_days"] < pack.limits_for("xa")["news_max_age_days"]
    assert "vnecdn.net" in pack.lists["press_domains"]
    assert "||admicro.vn^" in pack.lists["ad_hosts"]
    assert "huyện" in pack.lists["old_unit_terms"]
    assert load_pack("nd42-2022").lists["old_unit_terms"] == ()  # districts still existed


def test_every_section_rule_has_its_labels_and_slugs_in_the_packs():
    pack = load_pack("nd224-2026")
    section_rules = {rule.id for rule in all_rules() if rule.family == "SEC"}
    assert set(pack.sections) == section_rules
    assert all(section.labels and section.slugs for section in pack.sections.values())


def test_citations_follow_the_regime_and_say_when_they_fall_back():
    intro = rule_by_id("SEC-001")
    assert intro.citation("nd43-2011").startswith("Nghị định 43/2011/NĐ-CP, điểm a khoản 1 Điều 10")
    assert "Nghị định 224/2026/NĐ-CP, điểm c khoản 1 Điều 9" in intro.citation("nd224-2026")
    assert "chưa kiểm chứng toàn văn" in intro.citation("nd42-2022")  # Decree 42 read in excerpts
    news = rule_by_id("SEC-002")  # only Decree 43 asked for it, and never of communes
    assert "Đánh giá theo hướng dẫn" in news.citation("nd224-2026")
    assert "xã: Đánh giá như tiêu chí chất lượng" in news.citation("nd224-2026")
    gambling = rule_by_id("ADS-003")  # a law that binds every level: one citation per pack
    assert gambling.citation("nd224-2026") == (
        "Luật Quảng cáo 16/2012/QH13 (sửa đổi, bổ sung bởi Luật 75/2025/QH15), khoản 1 Điều 8; "
        "Luật Quảng cáo 16/2012/QH13 (sửa đổi, bổ sung bởi Luật 75/2025/QH15), khoản 1 Điều 7")
    assert gambling.citation("nd43-2011").startswith("Luật Quảng cáo 16/2012/QH13, khoản 1 Điều 8")


def test_every_rule_cites_something_under_every_regime_and_has_both_languages():
    for rule in all_rules():
        for pack in available_packs():
            assert rule.citation(pack), (rule.id, pack)
        assert rule.title_vi and rule.title_en and rule.remedy_en, rule.id
        assert rule.remedy_vi.startswith("Đề nghị"), rule.id
        assert rule.scope in ("page", "site", "browser") and rule.severity in ("error", "warning", "info")
