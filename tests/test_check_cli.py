"""`auditor check` and `auditor baseline` as a user runs them: exit codes, bad input, inference."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from servers import html, serve
from stored_findings import store_with
from auditor.exit_codes import EXIT_OK, EXIT_USAGE


@pytest.mark.parametrize("args, message", [
    (["check", "xa-a.quangtri.gov.vn"], "did you mean https://xa-a.quangtri.gov.vn?"),
    (["check", "ftp://example.org/"], "must start with http:// or https://"),
    (["check", "http://127.0.0.1:port/"], "the port is not a number"),
    (["check", "http://127.0.0.1:9/", "--fail-on", "warnings"], "Invalid value for '--fail-on'"),
    (["check", "http://127.0.0.1:9/", "--format", "xml"], "Invalid value for '--format'"),
    (["check", "http://127.0.0.1:9/", "--level", "thon"], "Invalid value for '--level'"),
    (["check", "http://127.0.0.1:9/", "--baseline", "missing.json"], "missing.json: cannot read the baseline"),
    (["check", "http://127.0.0.1:9/", "--output", "no/such/folder/out.sarif"], "the folder no/such/folder does not exist"),
    (["baseline", "-o", "b.json"], "give a URL to crawl, or --db FILE"),
    (["baseline", "--db", "missing.db", "-o", "b.json"], "missing.db: no such audit store"),
])
def test_bad_input_is_exit_code_2_with_a_clear_message(tmp_path, args, message):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == EXIT_USAGE, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_waiver_and_config_files_stop_before_the_crawl(tmp_path):
    (tmp_path / "waivers.toml").write_text('[[waiver]]\nrule = "ADS-003"\n', encoding="utf-8")
    (tmp_path / "auditor.toml").write_text('[rules]\n"ADS-003" = "fatal"\n', encoding="utf-8")
    with serve({"/": html("<title>UBND xã A</title>")}) as server:
        waivers = run_cli("check", server.url + "/", "--waivers", "waivers.toml", cwd=tmp_path)
        config = run_cli("check", server.url + "/", "--config", "auditor.toml", cwd=tmp_path)
    assert waivers.returncode == EXIT_USAGE and "waivers.toml:1: `reason` is required" in waivers.stderr
    assert config.returncode == EXIT_USAGE
    assert "auditor.toml:2: rule ADS-003: unknown level 'fatal'" in config.stderr
    assert server.hits == []  # nothing was fetched


def test_check_names_the_site_from_its_home_page_and_keeps_the_store(tmp_path):
    home = html('<html lang="vi"><head><title>Trang chủ - UBND huyện Hướng Hóa</title></head>'
                '<body><header>CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN HƯỚNG HÓA</header><p>Xin chào</p></body></html>')
    with serve({"/": home, "/robots.txt": (404, {}, b"")}) as server:
        result = run_cli("check", server.url + "/", "--db", "kept.db", "--format", "json",
                         "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stderr
    document = json.loads(result.stdout)
    [site] = document["sites"]
    # judged as a commune (the default), named for the outputs from the title
    assert (site["id"], site["level"], site["name"]) == ("site", "xa", "UBND huyện Hướng Hóa")
    assert "no --name (masthead and footer name checks skipped)" in result.stderr
    assert "names a unit of level huyen" in result.stderr and "pass --level huyen" in result.stderr
    # without --name the masthead rule does not look for a guessed name ("127.0.0.1")
    assert not [f for f in document["findings"] if f["rule"] == "FTR-001" and "127.0.0.1" in f["message"]]
    assert document["gate"]["passed"] is True and document["gate"]["fail_on"] == "never"
    assert (tmp_path / "kept.db").is_file()


def test_options_win_over_inference(tmp_path):
    with serve({"/xa-a/": html("<title>UBND xã A</title>")}) as server:
        result = run_cli("check", server.url + "/xa-a/", "--level", "huyen", "--name", "Huyện B",
                         "--format", "json", "--quiet", cwd=tmp_path)
    [site] = json.loads(result.stdout)["sites"]
    assert (site["id"], site["level"], site["name"]) == ("xa-a", "huyen", "Huyện B")
    assert "Checking" not in result.stderr  # --quiet


def test_baseline_from_a_stored_audit(tmp_path):
    store, audit_id = store_with(tmp_path)
    expected = {row["fingerprint"] for row in store.findings(audit_id)}
    store.close()
    result = run_cli("baseline", "--db", tmp_path / "check.db", "--audit", audit_id,
                     "-o", tmp_path / "baseline.json")
    assert result.returncode == EXIT_OK, result.stderr
    assert "Baseline of 4 findings" in result.stdout
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert {entry["fingerprint"] for entry in data["findings"]} == expected
    missing = run_cli("baseline", "--db", tmp_path / "check.db", "--audit", "99", "-o", tmp_path / "b.json")
    assert missing.returncode == EXIT_USAGE and "no audit 99" in missing.stderr


def test_a_tool_failure_is_exit_code_2_not_1(tmp_path):
    (tmp_path / "garbage.db").write_bytes(b"this is not an SQLite database at all" * 100)
    result = run_cli("baseline", "--db", tmp_path / "garbage.db", "-o", tmp_path / "b.json")
    assert result.returncode == EXIT_USAGE
    assert "auditor: error: the tool failed: DatabaseError" in result.stderr
