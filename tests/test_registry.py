"""The site registry: the DESIGN.md contract, and clear errors (file, site, exit code 2)."""

from __future__ import annotations

import pytest

from auditor.exit_codes import EXIT_USAGE
from auditor.registry import RegistryError, load_registry
from conftest import run_cli, write_registry

GOOD = """
[audit]
name = "Kiểm tra định kỳ quý IV/2026"
inspector = "Sở Khoa học và Công nghệ tỉnh Quảng Trị"
pack = "nd224-2026"

[[site]]
id = "quang-tri"
name = "Cổng thông tin điện tử tỉnh Quảng Trị"
level = "tinh"
url = "https://quangtri.gov.vn/"

[[site]]
id = "huong-lap"
name = "UBND xã Hướng Lập"
level = "xa"
url = "https://quangtri.gov.vn/xa-huong-lap/"
parent = "quang-tri"
status = "active"
"""


def test_a_good_registry_loads_with_its_audit_header(tmp_path):
    registry = load_registry(write_registry(tmp_path, GOOD))
    assert registry.name == "Kiểm tra định kỳ quý IV/2026"
    assert registry.pack == "nd224-2026"
    assert [s.id for s in registry.sites] == ["quang-tri", "huong-lap"]
    by_id = {site.id: site for site in registry.sites}
    assert by_id["huong-lap"].parent == "quang-tri"
    assert by_id["quang-tri"].status == "active"  # the default


def test_csv_import_reads_the_same_columns(tmp_path):
    path = write_registry(tmp_path, "id,name,level,url,parent\n"
                          "t,Tỉnh,tinh,https://t.gov.vn/,\nx,Xã,xa,https://t.gov.vn/x/,t\n", "sites.csv")
    registry = load_registry(path)
    assert [(s.id, s.parent) for s in registry.sites] == [("t", ""), ("x", "t")]


BAD = {
    "unknown level": (GOOD.replace('level = "xa"', 'level = "thon"'), "huong-lap", "unknown level 'thon'"),
    "unknown status": (GOOD.replace('status = "active"', 'status = "closed"'), "huong-lap", "unknown status"),
    "duplicate id": (GOOD.replace('id = "huong-lap"', 'id = "quang-tri"'), "quang-tri", "duplicate id"),
    "malformed url": (GOOD.replace("https://quangtri.gov.vn/xa-huong-lap/", "quangtri.gov.vn/xa"),
                      "huong-lap", "malformed URL"),
    "bad port": (GOOD.replace("https://quangtri.gov.vn/xa-huong-lap/", "http://h:port/"),
                 "huong-lap", "malformed URL"),
    "unknown parent": (GOOD.replace('parent = "quang-tri"', 'parent = "huong-hoa"'),
                       "huong-lap", "unknown parent 'huong-hoa'"),
    "missing name": (GOOD.replace('name = "UBND xã Hướng Lập"\n', ""), "huong-lap", "`name` is required"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_registry_errors_name_the_file_and_the_site(tmp_path, case):
    text, site, message = BAD[case]
    path = write_registry(tmp_path, text)
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert str(path) in str(error.value) and site in str(error.value) and message in str(error.value)


def test_the_cli_exits_2_on_a_bad_registry_and_names_the_site(tmp_path):
    path = write_registry(tmp_path, BAD["unknown parent"][0])
    result = run_cli("audit", path, "--db", tmp_path / "a.db")
    assert result.returncode == EXIT_USAGE
    assert "huong-lap" in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "a.db").exists()  # nothing started


def test_a_toml_syntax_error_gives_the_line(tmp_path):
    path = write_registry(tmp_path, GOOD.replace('level = "tinh"', 'level = tinh'))
    result = run_cli("audit", path)
    assert result.returncode == EXIT_USAGE
    assert "line 10" in result.stderr and str(path) in result.stderr


def test_a_missing_registry_file_is_exit_2(tmp_path):
    result = run_cli("audit", tmp_path / "nope.toml")
    assert result.returncode == EXIT_USAGE and "nope.toml" in result.stderr
