"""A finding: one cause of non-compliance on a site, with its evidence and a stable fingerprint.

The fingerprint (rule, site, normalised URL, evidence key; for a renamed rule, its first id) is
what lets two audits be compared (new, fixed, still open) and a baseline or waiver suppress a
known finding. A cause repeated on many pages (the same sidebar ad everywhere) is *grouped*: its
fingerprint leaves the URL out, and the store counts the pages and keeps a few sample URLs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def normalise_url(url: str | None) -> str:
    """The URL as it identifies a page across audits: no scheme, no port, no trailing slash.

    Test sites change port from run to run, and http/https of the same page is the same page.
    """
    if not url:
        return ""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return (path + ("?" + parts.query if parts.query else "")).lower()


@dataclass(slots=True)
class Finding:
    rule: str  # e.g. "ADS-003"
    site: str  # registry id
    message: str  # what is wrong here, in Vietnamese (the report's language)
    url: str | None = None  # the page; None for a finding about the whole site
    key: str = ""  # the evidence key: what distinguishes this finding from another of the rule
    evidence: dict = field(default_factory=dict)  # element, snippet, href, counts ...
    grouped: bool = False  # the same cause on many pages: one finding, counted
    severity: str = ""  # filled by the engine from the rule (and the user's config)
    title: str = ""  # filled by the engine
    basis: str = ""  # filled by the engine: the legal citation under the audit's regime
    # filled by the engine: breach | recommendation | guidance | quality (auditor/judge/law.py)
    basis_kind: str = ""
    count: int = 1

    @property
    def fingerprint(self) -> str:
        from auditor.rules import fingerprint_id  # the rules import this module

        url = "" if self.grouped else normalise_url(self.url)
        raw = "\x1f".join((fingerprint_id(self.rule), self.site, url, self.key))
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]

    def to_row(self, site_row_id: int) -> dict:
        return {
            "site_id": site_row_id, "rule": self.rule, "severity": self.severity,
            "url": self.url, "title": self.title, "message": self.message, "basis": self.basis,
            "basis_kind": self.basis_kind,
            "evidence": json.dumps(self.evidence, ensure_ascii=False, default=str),
            "fingerprint": self.fingerprint, "count": self.count,
        }
