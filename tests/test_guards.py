"""Small guards of the crawl, checked alone: what counts as a private address (SSRF), how a
Retry-After reads, how a stopped redirect is worded, and the audit lock's refusal."""

from __future__ import annotations

import pytest

from auditor.exit_codes import EXIT_USAGE
from auditor.crawl.backoff import retry_after_seconds
from auditor.crawl.resolver import is_private_host, parse_address
from auditor.crawl.scoped_redirect import describe
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
    assert describe("loop", "http://a/1", chain) == "redirect loop: http://a/1 → http://a/2 → http://a/1"
    assert describe("private", "http://10.0.0.1/", via="refresh") == \
        "meta refresh to a private address refused: http://10.0.0.1/"
    assert describe("too_long", "http://a/12", [f"http://a/{n}" for n in range(11)]) == \
        "redirect chain too long: more than 10 hops, stopped before http://a/12"


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


@pytest.mark.parametrize("reason", [
    "dns: the host name xa.invalid does not resolve",
    "private address: xa.gov.vn resolves to 10.0.0.1, kept off the inspector's network",
    "refused: nothing answers on 127.0.0.1:9",
    "timeout: no answer within 30 s",
    "tls: the secure connection failed (the port does not speak TLS)",
    "tls: the secure connection failed (handshake failure)",
    "reset: the server closed the connection without answering",
    "reset: the connection was reset before an answer",
    "rate-limited: HTTP 429 on the home page, asked to wait 3600 s, longer than the audit waits",
    "rate-limited: HTTP 429 on the home page",
    "HTTP 503 on the home page (server error)", "HTTP 403 on the home page (access denied)",
    "10 pages in a row failed (HTTP 503)", "page budget", "depth limit", "time limit", "byte budget",
    "the audit's time limit (--max-time) was reached", "the audit was interrupted (Ctrl-C or a signal)",
    "time limit before the home page answered", "the home page is empty",
    "the home page redirects off the site to https://quangtri.gov.vn/", "robots.txt disallows the site",
    "12 trap URLs skipped",
])
def test_every_site_reason_reads_in_vietnamese(reason):
    from auditor.reports.i18n import reason_text

    vietnamese = reason_text(reason, "vi")
    assert vietnamese != reason and not vietnamese.startswith(reason.split(":")[0] + ":")
