"""Waivers: known findings that a named person accepted, for a reason, until a date.

A waiver file is TOML, one ``[[waiver]]`` table per waiver::

    [[waiver]]
    rule = "ADS-002"                 # a rule id, or a glob over ids ("ADS-*")
    url = "*/lien-ket/*"             # a glob over the page URL (default "*": every page)
    site = "xa-a"                    # optional: only this site id
    reason = "Liên kết tới đối tác được Sở cho phép"
    approver = "Nguyễn Văn A, Sở KH&CN"
    expires = 2026-12-31             # a TOML date (or "2026-12-31"); the last day it holds

A waived finding is reported as waived, never as a failure. A waiver past its date stops
suppressing: its findings count again, and the gate says which waiver expired, so that nobody
is surprised by a red build without knowing why.

URL globs are matched (``fnmatch``, case-insensitive) against the full page URL, its path and
query (as in fingerprints), and its path within the site: for the site ``https://tinh.gov.vn/xa-a/``
the page ``…/xa-a/lien-ket/x.html`` is matched by ``https://tinh.gov.vn/xa-a/lien-ket/*``,
``/xa-a/lien-ket/*``, ``/lien-ket/*`` and ``*/lien-ket/*``, whatever host and port the site is
served on. A site-level finding (no page) is matched through the site's URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path

from auditor.rules import former_ids
from auditor.errors import UsageError, read_toml
from auditor.judge.findings import normalise_url

REQUIRED = ("rule", "reason", "approver", "expires")
OPTIONAL = ("url", "site")


class WaiverError(UsageError):
    """The waiver file cannot be used as written."""


@dataclass(frozen=True, slots=True)
class Waiver:
    rule: str
    url: str
    reason: str
    approver: str
    expires: date
    site: str = ""
    source: str = ""  # "waivers.toml:12": where a reader finds it

    def expired(self, today: date) -> bool:
        return today > self.expires

    def matches(self, finding: dict, site_url: str = "") -> bool:
        rule_ids = former_ids(finding["rule"])  # a waiver written for a former id still covers the rule
        if not any(fnmatchcase(rule_id.upper(), self.rule.upper()) for rule_id in rule_ids):
            return False
        if self.site and finding.get("site") != self.site:
            return False
        url = finding.get("url") or site_url
        pattern = self.url.lower()
        forms = [url.lower(), normalise_url(url)]
        if site_url and url.startswith(site_url):  # the path within the site: "/lien-ket/..."
            forms.append(normalise_url("/" + url[len(site_url):].lstrip("/")))
        return any(fnmatchcase(form, pattern) for form in forms)

    def describe(self) -> str:
        return f"{self.source} ({self.rule} {self.url!r}, approved by {self.approver})"

    def note(self) -> dict:
        """What a waived finding carries: why, who, until when, and where the waiver is."""
        return {"reason": self.reason, "approver": self.approver,
                "expires": self.expires.isoformat(), "waiver": self.source}


def load_waivers(path: Path) -> list[Waiver]:
    data, text = read_toml(path, WaiverError, "waiver file")
    unknown = set(data) - {"waiver"}
    if unknown:
        raise WaiverError(f"{path}: unknown keys {', '.join(sorted(unknown))} "
                          "(write each waiver as a [[waiver]] table)")
    tables = data.get("waiver", [])
    if not isinstance(tables, list):
        raise WaiverError(f"{path}: write each waiver as a [[waiver]] table")
    lines = _table_lines(text)
    return [_waiver(path, lines[i] if i < len(lines) else 0, table)
            for i, table in enumerate(tables)]


def _table_lines(text: str) -> list[int]:
    """Line numbers of the ``[[waiver]]`` headers, in order: tomllib gives none, users need them."""
    header = re.compile(r"^\s*\[\[\s*waiver\s*\]\]")
    return [number for number, line in enumerate(text.splitlines(), start=1) if header.match(line)]


def _waiver(path: Path, line: int, table: dict) -> Waiver:
    where = f"{path}:{line}" if line else str(path)
    unknown = set(table) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise WaiverError(f"{where}: unknown keys {', '.join(sorted(unknown))} "
                          f"(a waiver has {', '.join(REQUIRED + OPTIONAL)})")
    for key in REQUIRED:
        if not str(table.get(key, "")).strip():
            raise WaiverError(f"{where}: `{key}` is required (a waiver names the rule, the reason, "
                              "who approved it and when it expires)")
    for key in ("rule", "url", "site", "reason", "approver"):
        if key in table and not isinstance(table[key], str):
            raise WaiverError(f"{where}: `{key}` must be a string")
    return Waiver(rule=table["rule"].strip(), url=table.get("url", "*").strip() or "*",
                  reason=table["reason"].strip(), approver=table["approver"].strip(),
                  expires=_expiry(where, table["expires"]), site=table.get("site", "").strip(),
                  source=where)


def _expiry(where: str, value) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise WaiverError(f"{where}: `expires` must be a date such as 2026-12-31, not {value!r}")
