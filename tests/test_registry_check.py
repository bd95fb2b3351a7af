"""`auditor registry check`: every planted problem flagged, nothing on a clean registry."""

from __future__ import annotations

import json

import pytest

from auditor.registry import load_registry
from auditor.registry.check import check_registry
from auditor.registry.units import domain_label, official_units
from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from conftest import run_cli, write_registry


def _site(id_, name, level, url, parent="quang-tri", status="active") -> str:
    return (f'[[site]]\nid = {json.dumps(id_)}\nname = {json.dumps(name, ensure_ascii=False)}\n'
            f'level = "{level}"\nurl = "{url}"\nstatus = "{status}"\n'
            + (f'parent = "{parent}"\n' if parent else ""))


def _clean_registry() -> tuple[str, list]:
    province = official_units().province("Quảng Trị")
    text = _site("quang-tri", "Cổng thông tin điện tử tỉnh Quảng Trị", "tinh", "https://quangtri.gov.vn/",
                 parent="")
    for n, commune in enumerate(province.communes):
        text += _site(f"c{n}", "UBND " + commune.name, "xa",
                      f"https://{domain_label(commune.name)}.quangtri.gov.vn/")
    return text, province.communes


def test_the_official_list_has_34_provinces_and_3321_communes():
    units = official_units()
    assert len(units.provinces) == 34
    assert sum(len(p.communes) for p in units.provinces.values()) == 3321
    assert len(units.province("tỉnh Quảng Trị").communes) == 78


def test_a_clean_registry_has_no_problem(tmp_path):
    text, _ = _clean_registry()
    assert check_registry(load_registry(write_registry(tmp_path, text))) == []
    result = run_cli("registry", "check", tmp_path / "sites.toml")
    assert result.returncode == EXIT_OK and "no problem" in result.stdout


def test_every_planted_problem_is_flagged_and_nothing_else(tmp_path):
    text, communes = _clean_registry()
    text = "[[site]]".join(block for block in text.split("[[site]]") if "Xã Hướng Phùng" not in block)
    text += _site("huong-hoa", "UBND huyện Hướng Hóa", "huyen", "https://huonghoa.quangtri.gov.vn/")
    text += _site("a-ngo", "UBND xã A Ngo", "xa", "https://ango.quangtri.gov.vn/")
    text += _site("cu", "UBND xã Tân Hợp (cũ)", "xa", "https://tanhop.quangtri.gov.vn/", status="merged")
    text += _site("copy", "UBND xã Hướng Lập", "xa", "https://quangtri.gov.vn/xa-huong-lap/")
    text += _site("same-url", "UBND xã Không Tồn Tại", "xa", "https://ango.quangtri.gov.vn/")
    registry = load_registry(write_registry(tmp_path, text))
    found = {(p.kind, p.site) for p in check_registry(registry)}
    assert found == {
        ("missing", ""),  # Xã Hướng Phùng has no site
        ("abolished", "huong-hoa"),
        ("merged", "a-ngo"),
        ("duplicate-url", "same-url"),
        ("unknown-name", "same-url"),
        ("duplicate-unit", "copy"),
        ("domain", "copy"),  # a component under the portal's path, not huonglap.quangtri.gov.vn
    }
    problems = {p.kind: p for p in check_registry(registry)}
    assert "Xã Hướng Phùng" in problems["missing"].message
    assert "Xã La Lay" in problems["merged"].suggestion
    assert "abolished" in problems["abolished"].suggestion
    assert problems["domain"].suggestion == "expected huonglap.quangtri.gov.vn"
    result = run_cli("registry", "check", tmp_path / "sites.toml")
    assert result.returncode == EXIT_FINDINGS and "huong-hoa" in result.stdout


def test_the_province_must_be_known(tmp_path):
    path = write_registry(tmp_path, _site("x", "UBND xã A", "xa", "https://a.gov.vn/", parent=""))
    result = run_cli("registry", "check", path)
    assert result.returncode == EXIT_USAGE and "--province" in result.stderr
    assert run_cli("registry", "check", path, "--province", "Quảng Trị", "--no-missing").returncode == EXIT_FINDINGS


@pytest.mark.parametrize("name", ["UBND xã Hướng Lập", "Xã Hướng Lập", "xa huong lap", "HƯỚNG LẬP"])
def test_names_match_without_case_diacritics_or_agency_words(name):
    units = official_units()
    assert units.commune(units.province("Quảng Trị"), name).name == "Xã Hướng Lập"
