"""ADS-006: No injected script that sends visitors to, or writes links to, gambling or other
spam sites. Critical.

The extractor reads every inline script as text, never running it, and the spider the site's own
script files that the sampled pages load (spiders/scripts.py): what it
does (``redirect``: ``location``, ``window.open``, a written meta refresh; ``write``:
``document.write`` or ``innerHTML`` of links or frames), the outside URLs it names and the
strings it hides in base64, char codes or escapes, decoded. A script is injected spam when it
acts on an outside domain that is not a public body's, the press's or a platform's and it
either names gambling (in the URL or its decoded text), tests where the visitor comes from or
what device it is (``document.referrer``, ``navigator.userAgent``: shown to search visitors
only), or hides that domain in encoded text. Decoded text of gambling phrases is spam too,
wherever it goes. One finding per page and domain, counted over pages, the decoded text as
evidence.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._spam import text_terms, url_terms
from auditor.rules._web import host_of, is_commercial, registrable
from auditor.rules.base import Rule, RuleContext

KINDS_VI = {"redirect": "chuyển hướng người truy cập đến", "write": "chèn liên kết, khung đến",
            "decoded": "giấu văn bản mã hóa nhắc đến"}


def spam_targets(signal: dict, ctx: RuleContext) -> list[str]:
    """The outside domains the script acts on that make it spam (see the module's docstring)."""
    terms = ctx.words("gambling_terms") + ctx.words("gambling_phrases")
    decoded = signal.get("decoded", "")
    gambling = bool(text_terms(decoded, ctx, hidden=True))
    domains = []
    for url in signal.get("targets", []):
        if not is_commercial(url, ctx):
            continue
        domain = registrable(host_of(url))
        hidden = bool(decoded) and domain in decoded
        if gambling or url_terms(url, terms) or signal.get("conditions") or hidden:
            domains.append(domain)
    return list(dict.fromkeys(domains))


class InjectedScripts(Rule):
    id = "ADS-006"
    scope = "page"
    reads = ("final_url", "script_signals")
    lists = ("gambling_phrases", "gambling_terms", "platform_domains", "press_domains",
             "public_domains", "public_suffixes")
    severity = "error"
    title_vi = ("Không có mã JavaScript bị chèn để chuyển hướng hoặc chèn liên kết đến trang cờ bạc, "
                "trang rác (dấu hiệu trang bị tấn công)")
    title_en = "No injected script that redirects to or writes links to spam sites (a sign of compromise)"
    failure_vi = "Trang có mã JavaScript bị chèn chuyển hướng hoặc chèn liên kết đến trang cờ bạc, trang rác"
    remedy_vi = ("Đề nghị khẩn trương gỡ bỏ đoạn mã bị chèn, rà soát toàn bộ mã nguồn, giao diện, "
                 "cơ sở dữ liệu và tài khoản quản trị; vá lỗ hổng và báo cáo cơ quan chuyên trách về "
                 "an toàn thông tin.")
    remedy_en = ("Remove the injected code, audit the whole code base, theme, database and admin "
                 "accounts, patch the vulnerability and report to the information-security unit.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        for signal in facts.script_signals:
            domains = spam_targets(signal, ctx)
            terms = text_terms(signal.get("decoded", ""), ctx, hidden=True)
            keys = domains or (["decoded-text"] if terms else [])
            for key in keys:
                yield self.finding(
                    facts, f"Mã JavaScript {KINDS_VI.get(signal['kind'], signal['kind'])} {key}"
                           + (f" (chỉ khi {', '.join(signal['conditions'])})" if signal.get("conditions") else "")
                           + ".",
                    url=facts.final_url, key=f"{signal['kind']}:{key}", grouped=True, kind=signal["kind"],
                    script=signal.get("script", "inline"),
                    targets=signal.get("targets", [])[:5], conditions=signal.get("conditions", []),
                    decoded=signal.get("decoded", ""), excerpt=signal.get("excerpt", ""), terms=terms[:5])
