"""What a variant fetch was shown that the auditor's own fetch was not (issue 12).

Both answers go through the same extractor; then visible text, hidden text, outside links and
where the fetch ended are compared after a normaliser that ignores what differs between any two
fetches of an honest page: digits (dates, clocks, visitor counters), long tokens (CSRF and
session values), case, spacing and the order of lines. Links to the page's own host are left
out (a mobile menu, the site's own A/B banner). What is left is kept as a fact on the page
(``PageFacts.variants``) for the rule (ADS-005) to judge: most differences (another menu, a
cookie or language banner) carry no spam signal and make no finding.
"""

from __future__ import annotations

import re
import unicodedata

from auditor.rules._web import host_of  # the rules' host: links are compared the same way

_DIGITS = re.compile(r"\d+")
_TOKENS = re.compile(r"[A-Za-z0-9_\-+/=]{24,}")  # CSRF and session values, hashes
_SPACES = re.compile(r"\s+")
LINES_KEPT = 30  # lines of text only the variant shows, kept as evidence
TEXT_KEPT = 3000
LINKS_KEPT = 20


def normal(line: str) -> str:
    line = unicodedata.normalize("NFC", line).lower()
    return _SPACES.sub(" ", _DIGITS.sub("0", _TOKENS.sub("~", line))).strip()


def _end_of(facts) -> str:
    """Where the fetch ended: the last hop of its redirect chain (a stopped one included)."""
    return facts.redirects[-1] if facts.redirects else facts.final_url


def differences(own, other, variant: str) -> dict | None:
    """What ``other`` (the variant's facts) shows that ``own`` does not; None when nothing."""
    diff: dict = {}
    own_lines = {normal(line) for line in own.text.split("\n")}
    only = [line for line in other.text.split("\n") if line.strip() and normal(line) not in own_lines]
    if only:
        diff["text"] = "\n".join(dict.fromkeys(only[:LINES_KEPT]))[:TEXT_KEPT]
    if normal(other.hidden_text) and normal(other.hidden_text) not in normal(own.hidden_text):
        diff["hidden_text"] = other.hidden_text[:TEXT_KEPT]
    page_host = host_of(own.final_url)
    own_urls = {link.url for link in own.links}
    links = [{"url": link.url, "text": link.text[:120], "hidden": link.hidden, "region": link.region}
             for link in other.links
             if link.url not in own_urls and host_of(link.url) not in ("", page_host)]
    if links:
        diff["links"] = links[:LINKS_KEPT]
    if host_of(_end_of(other)) != host_of(_end_of(own)):
        diff["redirects"] = other.redirects or [other.url, other.final_url]
    if not diff:
        return None
    if other.payload_sha256:  # the variant's answer in the site's WARC (auditor/archive/): the proof
        diff["capture"] = {"as": variant, "sha256": other.payload_sha256, "captured_at": other.warc_date,
                           "record": other.warc_record_id}
    return {"variant": variant, "url": other.url, "final_url": _end_of(other), "status": other.status,
            "title": other.title[:200], **diff}
