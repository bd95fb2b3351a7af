"""CSV in and out: a round trip keeps every field; spreadsheets' encodings; errors with the file,
line and column."""

from __future__ import annotations

import pytest

from auditor.registry import RegistryError, load_registry
from auditor.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from conftest import run_cli, write_registry
from test_registry import GOOD

ROWS = ("id,name,level,url,parent,status,domain\r\n"
        "quang-tri,Cổng thông tin điện tử tỉnh Quảng Trị,tinh,https://quangtri.gov.vn/,,active,\r\n"
        "huong-lap,UBND xã Hướng Lập,xa,https://quangtri.gov.vn/xa-huong-lap/,quang-tri,active,"
        "huonglap.quangtri.gov.vn\r\n")


def test_export_then_import_gives_the_same_registry(tmp_path):
    source = write_registry(tmp_path, GOOD + 'domain = "huonglap.quangtri.gov.vn"\n')
    exported = run_cli("registry", "export", source, "--format", "csv", "-o", tmp_path / "sites.csv")
    assert exported.returncode == EXIT_OK, exported.stderr
    raw = (tmp_path / "sites.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Hướng Lập".encode() in raw  # Excel's "CSV UTF-8"
    imported = run_cli("registry", "import", tmp_path / "sites.csv", "-o", tmp_path / "back.toml")
    assert imported.returncode == EXIT_OK, imported.stderr
    before, after = load_registry(source), load_registry(tmp_path / "back.toml")
    assert after.sites == before.sites
    assert load_registry(tmp_path / "sites.csv").sites == before.sites  # an audit reads CSV too


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_bom(tmp_path, bom):
    path = tmp_path / "sites.csv"
    path.write_bytes(bom + ROWS.encode())
    registry = load_registry(path)
    assert [s.name for s in registry.sites][1] == "UBND xã Hướng Lập"


def test_another_encoding_is_refused_with_line_and_column(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes(ROWS.replace("Cổng", "Cong").encode("utf-8").replace(
        "Hướng".encode(), "Hướng".encode("utf-16-le")[:3]))
    with pytest.raises(RegistryError, match=r"sites.csv: line 3, column \d+: not UTF-8"):
        load_registry(path)
    result = run_cli("registry", "import", path)
    assert result.returncode == EXIT_USAGE and "CSV UTF-8" in result.stderr


@pytest.mark.parametrize("row, message", [
    ("x,Xã X,tỉnh,https://x.gov.vn/,,,", r"line 2, column 3 \(level\): unknown level 'tỉnh'"),
    ("x,Xã X,xa,x.gov.vn,,,", r"line 2, column 4 \(url\): malformed URL"),
    ("x,Xã X,xa,https://x.gov.vn/,,closed,", r"line 2, column 6 \(status\): unknown status"),
    ("x,,xa,https://x.gov.vn/,,,", r"line 2, column 2 \(name\): `name` is required"),
])
def test_bad_values_name_the_line_and_column(tmp_path, row, message):
    path = write_registry(tmp_path, "id,name,level,url,parent,status,domain\n" + row + "\n", "sites.csv")
    with pytest.raises(RegistryError, match=message):
        load_registry(path)


def test_an_unknown_column_is_named(tmp_path):
    path = write_registry(tmp_path, "id,name,level,url,lavel\nx,X,xa,https://x.gov.vn/,xa\n", "s.csv")
    with pytest.raises(RegistryError, match=r"line 1, column 5: unknown column 'lavel'"):
        load_registry(path)


def test_a_unit_named_twice_is_flagged_by_check(tmp_path):
    text = ROWS + "copy,UBND xã Hướng Lập,xa,https://huonglap.quangtri.gov.vn/,quang-tri,active,\r\n"
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    result = run_cli("registry", "check", path, "--no-missing")
    assert result.returncode == EXIT_FINDINGS and "duplicate-unit" in result.stdout
