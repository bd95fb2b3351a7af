"""Crawl outcomes as codes with parameters: why a page has no facts, why a site is partial,
unreachable or blocked.

The crawl records a :class:`Reason` (``Reason("page-budget")``, ``Reason("timeout",
{"seconds": 30})``); the store keeps it as JSON; code decides from ``code`` alone. Words come
last, in the layers that show them: the report's Vietnamese and English (``reports/i18n.py``,
``REASONS``), and the wording of record below (``RECORD``: the English the CLI, the JSON export
and the findings' messages show, as release 0.1 wrote it).

Codes, with their parameters (a nested reason is a dict under ``reason``):

network failures (spiders/failures.py)
    dns {host} · private-address {host, address} · refused {netloc} · timeout {seconds?} ·
    tls {problem} · incomplete · reset · closed · bomb {megabytes?} · cancelled ·
    connect-error {error} · error {error} · ignored {text}
stopped redirects (auditor/crawl/scoped_redirect.py)
    redirect {kind, target, via, chain}   kind: private | off_site | loop | too_long | malformed | seen
pages (spiders/portal.py)
    binary {content_type, kind} · unparsable {error} · extraction-failed {error}
the site's home page (spiders/portal.py)
    robots-disallows · rate-limited {retry_after?} · access-denied {status} ·
    server-error {status} · home-http {status} · home-off-site {target} ·
    home-page {reason} · home-empty · home-never-fetched · before-home {reason}
bounds and stops (spiders/sitecrawl.py, auditor/crawl/finish.py)
    page-budget · depth-limit · attachment-budget · byte-budget · time-limit ·
    failures-in-a-row {count, status? | family?} · trap-urls {count} ·
    audit-time-limit · audit-interrupted · audit-stopped {why}
jobs of a sharded audit (auditor/jobs/, auditor/app/sharded.py)
    job-failed {attempts, error} · not-crawled
stores written before codes (auditor/store/migrations.py)
    legacy {text}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict, compare=True, hash=False)

    def to_dict(self) -> dict:
        return {"code": self.code, **({"params": self.params} if self.params else {})}

    @classmethod
    def from_dict(cls, data: dict) -> "Reason":
        return cls(str(data.get("code") or "legacy"), dict(data.get("params") or {}))

    @property
    def inner(self) -> "Reason | None":
        """The reason nested in this one (``home-page``, ``before-home``), if any."""
        nested = self.params.get("reason")
        return Reason.from_dict(nested) if isinstance(nested, dict) else None

    def __str__(self) -> str:
        return record_text(self)


# -- the store's form: JSON ------------------------------------------------------------------
def dump(reason: Reason | None) -> str | None:
    """One reason as the store keeps it (pages.error, attachments.error); None for none."""
    return json.dumps(reason.to_dict(), ensure_ascii=False) if reason else None


def load(text: str | None) -> Reason | None:
    """One stored reason back; text a 0.1 store wrote becomes a ``legacy`` reason."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return Reason("legacy", {"text": text})
    return Reason.from_dict(data) if isinstance(data, dict) else Reason("legacy", {"text": text})


def dump_all(reasons: Iterable[Reason]) -> str:
    """A site's reasons (sites.reason): a JSON list, "" for none."""
    reasons = list(reasons)
    return json.dumps([r.to_dict() for r in reasons], ensure_ascii=False) if reasons else ""


def load_all(text: str | None) -> list[Reason]:
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return [Reason("legacy", {"text": part.strip()}) for part in text.split(";") if part.strip()]
    if isinstance(data, dict):
        return [Reason.from_dict(data)]
    return [Reason.from_dict(item) for item in data if isinstance(item, dict)] \
        if isinstance(data, list) else []


# -- what code may ask of reasons -------------------------------------------------------------
def redirects_off_site(reason: Reason | None) -> bool:
    """The reason says a redirect (or meta refresh) left the site, directly or nested."""
    while reason is not None:
        if reason.code == "home-off-site" or (
                reason.code == "redirect" and reason.params.get("kind") == "off_site"):
            return True
        reason = reason.inner
    return False


def has_code(reasons: Iterable[Reason], code: str) -> bool:
    return any(reason.code == code for reason in reasons)


# -- the wording of record ------------------------------------------------------------------
# Failure families: the first word of a network failure's record ("timeout: ..."), also what
# "pages in a row failed (...)" names.
FAMILY = {"dns": "dns", "private-address": "private address", "refused": "refused",
          "timeout": "timeout", "tls": "tls", "incomplete": "incomplete", "reset": "reset",
          "closed": "reset", "bomb": "cut", "cancelled": "cut", "connect-error": "error",
          "error": "error"}

TLS_PROBLEMS = {"no-tls": "the port does not speak TLS",
                "hangup": "the server hung up during the handshake",
                "handshake-failure": "handshake failure", "certificate": "certificate problem",
                "handshake-error": "handshake error"}


def _redirect(p: dict) -> str:
    what = "meta refresh" if p.get("via") == "refresh" else "redirect"
    kind, target, chain = p.get("kind"), p.get("target", ""), p.get("chain") or []
    if kind == "private":
        return f"{what} to a private address refused: {target}"
    if kind == "off_site":
        return f"{what} off the site to {target}"
    if kind == "loop":
        return f"{what} loop: " + " → ".join([*chain, target])
    if kind == "too_long":
        return f"{what} chain too long: more than {len(chain) - 1} hops, stopped before {target}"
    if kind == "malformed":
        return f"{what} to a malformed address: {target}"
    return f"{what} to {target}, already crawled"


def _seconds(p: dict, sentence: str, fallback: str) -> str:
    return sentence.format(p["seconds"]) if p.get("seconds") else fallback


def failing_label(p: dict) -> str:
    """What failed page after page: "HTTP 503", or a failure family ("timeout")."""
    return f"HTTP {p['status']}" if p.get("status") else p.get("family", "")


# The sentences of record, where a code's own words do not say it (see record_text).
RECORD = {
    "job-failed": lambda p: f"the audit's job failed {p['attempts']} times: {p['error']}",
    "not-crawled": lambda p: "not crawled",
    "dns": lambda p: f"dns: the host name {p['host']} does not resolve",
    "private-address": lambda p: (f"private address: {p['host']} resolves to {p['address']}, "
                                  "kept off the inspector's network"),
    "refused": lambda p: f"refused: nothing answers on {p.get('netloc') or 'the port'}",
    "timeout": lambda p: (f"timeout: no answer within {p['seconds']:g} s" if p.get("seconds")
                          else "timeout: no answer in time"),
    "tls": lambda p: f"tls: the secure connection failed ({TLS_PROBLEMS[p['problem']]})",
    "incomplete": lambda p: "incomplete: the connection closed before the page was complete",
    "reset": lambda p: "reset: the connection was reset before an answer",
    "closed": lambda p: "reset: the server closed the connection without answering",
    "bomb": lambda p: ("cut: the page decompresses to more than"
                       + (f" {p['megabytes']:g} MB" if p.get("megabytes") else " the size cap")
                       + " (a compression bomb)"),
    "cancelled": lambda p: "cut: the download was cancelled (larger than the size cap)",
    "connect-error": lambda p: f"error: the connection failed ({p['error']})",
    "error": lambda p: f"error: {p['error']}",
    "ignored": lambda p: p.get("text") or "ignored",
    "redirect": _redirect,
    "binary": lambda p: f"binary content served as {p.get('content_type') or 'HTML'}: {p['kind']}",
    "unparsable": lambda p: f"unparsable HTML: {p['error']}",
    "extraction-failed": lambda p: f"facts could not be extracted ({p['error']})",
    "robots-disallows": lambda p: "robots.txt disallows the site",
    "rate-limited": lambda p: "rate-limited: HTTP 429 on the home page" + (
        f", asked to wait {p['retry_after']:g} s, longer than the audit waits"
        if p.get("retry_after") else ""),
    "access-denied": lambda p: f"HTTP {p['status']} on the home page (access denied)",
    "server-error": lambda p: f"HTTP {p['status']} on the home page (server error)",
    "home-http": lambda p: f"HTTP {p['status']} on the home page",
    "home-off-site": lambda p: f"the home page redirects off the site to {p['target']}",
    "home-page": lambda p: f"the home page: {_nested(p)}",
    "home-empty": lambda p: "the home page is empty",
    "home-never-fetched": lambda p: "the home page was never fetched",
    "no-answer": lambda p: "no answer",
    "before-home": lambda p: f"{_nested(p)} before the home page answered",
    "failures-in-a-row": lambda p: f"{p['count']} pages in a row failed ({failing_label(p)})",
    "trap-urls": lambda p: f"{p['count']} trap URLs skipped",
    "audit-time-limit": lambda p: "the audit's time limit (--max-time) was reached",
    "audit-interrupted": lambda p: "the audit was interrupted (Ctrl-C or a signal)",
    "audit-stopped": lambda p: str(p.get("why", "")),
    "legacy": lambda p: str(p.get("text", "")),
}


def _nested(params: dict) -> str:
    nested = params.get("reason")
    return record_text(Reason.from_dict(nested)) if isinstance(nested, dict) else ""


def record_text(reason: Reason | None) -> str:
    """The reason in the wording of record (English, as 0.1 stored it). A code without a
    sentence of its own reads as its words: ``page-budget`` is "page budget"."""
    if reason is None:
        return ""
    phrase = RECORD.get(reason.code)
    return phrase(reason.params) if phrase else reason.code.replace("-", " ")


def record_texts(reasons: Iterable[Reason]) -> str:
    """A site's reasons in the wording of record, joined as 0.1 joined them."""
    return "; ".join(text for text in dict.fromkeys(record_text(r) for r in reasons) if text)
