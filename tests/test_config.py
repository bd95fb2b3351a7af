"""The user's config file: levels off|warn|error, thresholds per level, added lists; mistakes
named by file and line, exit code 2 before anything is crawled."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.exit_codes import EXIT_OK, EXIT_USAGE
from auditor.judge.config import ConfigError, load_config, rule_levels
from auditor.judge.engine import Engine
from auditor.judge.packs import load_pack
from conftest import run_cli


def write(tmp_path, text: str):
    path = tmp_path / "auditor.toml"
    path.write_text(text, encoding="utf-8")
    return path


def engine_with(tmp_path, text: str) -> Engine:
    return Engine(load_pack("nd224-2026"), load_config(write(tmp_path, text)), date(2026, 11, 20))


def test_off_removes_a_rule_and_warn_or_error_set_its_severity(tmp_path):
    engine = engine_with(tmp_path, '''
[rules]
"ADS-002" = "off"
"MED-004" = "error"
"ads-003" = { level = "warn" }
''')
    ids = {rule.id for rule in engine.rules}
    assert "ADS-002" not in ids and {"MED-004", "ADS-003"} <= ids
    assert engine.config.severity("MED-004") == "error"
    assert engine.config.severity("ADS-003") == "warning"
    assert rule_levels(engine.config) == {"ADS-002": "off", "MED-004": "error", "ADS-003": "warn"}


def test_thresholds_override_the_pack_for_the_levels_given(tmp_path):
    engine = engine_with(tmp_path, '''
[thresholds]
news_max_age_days = { xa = 45 }
section_min_chars = 120
''')
    assert engine.limits("xa")["news_max_age_days"] == 45
    assert engine.limits("tinh")["news_max_age_days"] == 7  # the pack's
    assert engine.limits("tinh")["section_min_chars"] == 120


def test_lists_are_added_to_the_packs_and_easylist_files_feed_the_ad_engine(tmp_path):
    (tmp_path / "abpvn.txt").write_text("! ABPVN\n||quangcao-abc.vn^\n", encoding="utf-8")
    engine = engine_with(tmp_path, '''
[lists]
press_domains = ["baomoi.com", "baonghean.vn"]
easylist_files = ["abpvn.txt"]
''')
    assert "baonghean.vn" in engine.lists["press_domains"] and "vnecdn.net" in engine.lists["press_domains"]
    assert engine.ads.match("https://cdn.quangcao-abc.vn/b.js", "https://x.gov.vn/", "script")
    assert engine.ads.match("https://admicro.vn/x.js", "https://x.gov.vn/", "script")  # the pack's too


@pytest.mark.parametrize("text, message", [
    ('[rules]\n"ADS-999" = "off"\n', r"auditor.toml:2: unknown rule 'ADS-999'"),
    ('[rules]\n\n"ADS-002" = "info"\n', r"auditor.toml:3: rule ADS-002: unknown level 'info'"),
    ('[rules]\n"ADS-002" = { level = "warn", limit = 3 }\n', r"auditor.toml:2: .*unknown keys limit"),
    ('[thresholds]\nnews_max_age = 10\n', r"auditor.toml:2: unknown threshold 'news_max_age'"),
    ('[thresholds]\nnews_max_age_days = { commune = 10 }\n', r"auditor.toml:2: .*unknown level 'commune'"),
    ('[lists]\npress = ["x.vn"]\n', r"auditor.toml:2: unknown list 'press'"),
    ('[lists]\neasylist_files = ["missing.txt"]\n', r"auditor.toml:2: easylist_files: no such file"),
    ('[rulez]\n', r"auditor.toml:1: unknown key 'rulez'"),
    ('[rules\n', r"auditor.toml: not valid TOML: .*line 1"),
])
def test_mistakes_name_the_file_and_the_line(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_a_bad_config_stops_an_audit_before_the_crawl_with_exit_code_2(tmp_path):
    registry = tmp_path / "sites.toml"
    registry.write_text('[[site]]\nid = "x"\nname = "UBND xã X"\nlevel = "xa"\nurl = "http://127.0.0.1:9/"\n',
                        encoding="utf-8")
    config = write(tmp_path, '[rules]\n"NOPE-001" = "off"\n')
    result = run_cli("audit", registry, "--db", tmp_path / "a.db", "--config", config, "--quiet")
    assert result.returncode == EXIT_USAGE
    assert "auditor.toml:2: unknown rule 'NOPE-001'" in result.stderr
    assert not (tmp_path / "a.db").exists()  # nothing was crawled or stored


def test_auditor_rules_shows_the_levels_a_config_sets(tmp_path):
    config = write(tmp_path, '[rules]\n"ADS-002" = "off"\n"MED-004" = "error"\n')
    result = run_cli("rules", "--config", config, "--lang", "en")
    assert result.returncode == EXIT_OK, result.stderr
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines()
             if line.count("│") > 3 and line.split("│")[1].strip()}
    assert "off" in lines["ADS-002"] and "error" in lines["MED-004"] and "error" in lines["ADS-003"]


def test_auditor_rules_shows_what_each_rule_needs_with_the_packs_values(tmp_path):
    config = write(tmp_path, '[thresholds]\nnews_max_age_days = { xa = 45 }\n')
    result = run_cli("rules", "--needs", "--config", config, "--pack", "nd224-2026", "--lang", "en")
    assert result.returncode == EXIT_OK, result.stderr
    assert "news_max_age_days (tinh 7, huyen" in result.stdout and "xa 45)" in result.stdout
    assert "facts: pages, pages.dates" in result.stdout and "free_mail_domains" in result.stdout
