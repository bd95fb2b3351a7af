"""Small guards of the crawl, checked alone: what counts as a private address (SSRF), how a
Retry-After reads, how a stopped redirect is worded, and the audit lock's refusal."""

from __future__ import annotations

import pytest

from auditor.exit_codes import EXIT_USAGE
from auditor.crawl.backoff import retry_after_seconds
from auditor.crawl.resolver import is_private_host, parse_address
from auditor.crawl.scoped_redirect import describe
from auditor.spiders.outcomes import Reason, dump_all, load_all, record_text, redirects_off_site
from auditor.errors import UsageError
from auditor.app.lock import AuditLock


@pytest.mark.parametrize("host, private", [
    ("127.0.0.1", True), ("localhost", True), ("xa.localhost", True), ("[::1]", True),
    ("10.1.2.3", True), ("172.16.0.9", True), ("192.168.1.1", True), ("169.254.169.254", True),
    ("100.64.0.1", True), ("0.0.0.0", True), ("[::ffff:127.0.0.1]", True), ("[fe80::1]", True),
    # The spellings the C library accepts, which a naive check misses:
    ("2130706433", True), ("0x7f000001", True), ("0x7f.1", True), ("127.1", True), ("017700000001", True),
    ("8.8.8.8", False), ("quangtri.gov.vn", False), ("1e100.net", False), ("12.com", False),
])
def test_private_hosts_are_recognised_in_every_spelling(host, private):
    assert is_private_host(host) is private


def test_a_name_is_not_an_address():
    assert parse_address("huonglap.quangtri.gov.vn") is None


@pytest.mark.parametrize("value, seconds", [
    (b"120", 120.0), ("0", 0.0), (None, None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: no wait
])
def test_retry_after_reads_seconds_and_dates(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_retry_after_as_a_future_date():
    assert retry_after_seconds("Thu, 01 Jan 2015 00:01:40 GMT", now=1420070400.0) == 100.0


def test_stopped_redirects_are_worded_for_the_report():
    chain = ["http://a/1", "http://a/2"]
    assert str(describe("loop", "http://a/1", chain)) == "redirect loop: http://a/1 → http://a/2 → http://a/1"
    assert str(describe("private", "http://10.0.0.1/", via="refresh")) == \
        "meta refresh to a private address refused: http://10.0.0.1/"
    assert str(describe("too_long", "http://a/12", [f"http://a/{n}" for n in range(11)])) == \
        "redirect chain too long: more than 10 hops, stopped before http://a/12"
    assert describe("off_site", "http://b/").code == "redirect"


def test_the_audit_lock_is_exclusive_and_says_who_holds_it(tmp_path):
    db = tmp_path / "audit.db"
    with AuditLock(db) as lock:
        lock.note(7)
        with pytest.raises(UsageError, match=r"another audit is running on this database \(audit 7, pid \d+"):
            AuditLock(db).__enter__()
    with AuditLock(db):  # released: the next audit takes it
        pass


@pytest.mark.parametrize("options, message", [
    (["--resolve", "xa.quangtri.gov.vn=staging"], "--resolve xa.quangtri.gov.vn=staging: 'staging' is not an IP address"),
    (["--resolve", "xa.quangtri.gov.vn"], "--resolve 'xa.quangtri.gov.vn': expected NAME=VALUE"),
    (["-s", "download_timeout=3"], "--set download_timeout: a setting name is written in capitals"),
])
def test_bad_expert_options_are_usage_errors(tmp_path, options, message):
    from click.testing import CliRunner

    from auditor.cli import main

    result = CliRunner().invoke(main, ["audit", str(tmp_path / "sites.toml"), "--db", str(tmp_path / "a.db"),
                                       *options])
    assert result.exit_code == EXIT_USAGE and message in result.output
    assert not (tmp_path / "a.db").exists()


TIME_LIMIT = {"code": "time-limit"}
SITE_REASONS = [  # (the reason, its wording of record: what 0.1 wrote, what exports show)
    (Reason("dns", {"host": "xa.invalid"}), "dns: the host name xa.invalid does not resolve"),
    (Reason("private-address", {"host": "xa.gov.vn", "address": "10.0.0.1"}),
     "private address: xa.gov.vn resolves to 10.0.0.1, kept off the inspector's network"),
    (Reason("refused", {"netloc": "127.0.0.1:9"}), "refused: nothing answers on 127.0.0.1:9"),
    (Reason("timeout", {"seconds": 30}), "timeout: no answer within 30 s"),
    (Reason("tls", {"problem": "no-tls"}), "tls: the secure connection failed (the port does not speak TLS)"),
    (Reason("tls", {"problem": "handshake-failure"}), "tls: the secure connection failed (handshake failure)"),
    (Reason("closed"), "reset: the server closed the connection without answering"),
    (Reason("reset"), "reset: the connection was reset before an answer"),
    (Reason("rate-limited", {"retry_after": 3600.0}),
     "rate-limited: HTTP 429 on the home page, asked to wait 3600 s, longer than the audit waits"),
    (Reason("rate-limited"), "rate-limited: HTTP 429 on the home page"),
    (Reason("server-error", {"status": 503}), "HTTP 503 on the home page (server error)"),
    (Reason("access-denied", {"status": 403}), "HTTP 403 on the home page (access denied)"),
    (Reason("failures-in-a-row", {"count": 10, "status": 503}), "10 pages in a row failed (HTTP 503)"),
    (Reason("failures-in-a-row", {"count": 10, "family": "timeout"}), "10 pages in a row failed (timeout)"),
    (Reason("page-budget"), "page budget"), (Reason("depth-limit"), "depth limit"),
    (Reason("time-limit"), "time limit"), (Reason("byte-budget"), "byte budget"),
    (Reason("attachment-budget"), "attachment budget"),
    (Reason("audit-time-limit"), "the audit's time limit (--max-time) was reached"),
    (Reason("audit-interrupted"), "the audit was interrupted (Ctrl-C or a signal)"),
    (Reason("before-home", {"reason": TIME_LIMIT}), "time limit before the home page answered"),
    (Reason("home-empty"), "the home page is empty"),
    (Reason("home-off-site", {"target": "https://quangtri.gov.vn/"}),
     "the home page redirects off the site to https://quangtri.gov.vn/"),
    (Reason("home-page", {"reason": {"code": "binary", "params": {"content_type": "text/html", "kind": "PNG image"}}}),
     "the home page: binary content served as text/html: PNG image"),
    (Reason("robots-disallows"), "robots.txt disallows the site"),
    (Reason("trap-urls", {"count": 12}), "12 trap URLs skipped"),
]


@pytest.mark.parametrize("reason, words", SITE_REASONS, ids=[words for _, words in SITE_REASONS])
def test_every_site_reason_keeps_its_wording_of_record_and_reads_in_vietnamese(reason, words):
    from auditor.reports.i18n import reason_text

    assert record_text(reason) == words
    stored = dump_all([reason])
    assert load_all(stored) == [reason]
    vietnamese = reason_text(stored, "vi")
    assert vietnamese != words and not vietnamese.startswith(words.split(":")[0] + ":")
    assert reason_text(stored, "en")


def test_reasons_are_decided_from_codes_not_words():
    off_site = describe("off_site", "https://tinh.gov.vn/", via="refresh")
    assert redirects_off_site(Reason("home-page", {"reason": off_site.to_dict()}))
    assert redirects_off_site(Reason("home-off-site", {"target": "https://tinh.gov.vn/"}))
    assert not redirects_off_site(Reason("legacy", {"text": "the home page redirects off the site to x"}))
    assert not redirects_off_site(describe("loop", "http://a/1", ["http://a/1"]))


def test_no_rule_or_judge_decides_from_the_words_of_a_reason():
    """Reasons are codes (spiders/outcomes.py): reading their words back is how the old
    substring tests broke when a sentence changed."""
    import re

    from conftest import REPO

    # "off the site" in (site.crawl_reason or ""), "robots" in (row["reason"] ...),
    # error.startswith("redirect off ..."): each caught in the tree before codes (9569ed5).
    words_read = re.compile(r"""["'][^"']+["']\s+(not\s+)?in\s+\(?\s*[\w.]*(\[["'])?\w*(reason|error)"""
                            r"""|\b[\w.]*(reason|error)\w*(\[["']\w+["']\])?\s*(or\s*""\)?)?\.(startswith|endswith|split)\(""")
    offenders = [f"{path.relative_to(REPO)}:{number}"
                 for folder in ("rules", "auditor", "spiders", "reports")
                 for path in sorted((REPO / folder).rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if words_read.search(line)]
    assert offenders == []
