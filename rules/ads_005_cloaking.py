"""ADS-005: No spam shown only to search engines, to visitors from a search result or to phones
(cloaking): the mark of a hacked site that hides its spam from its owner. Critical.

The spider fetches a sample of pages again as Googlebot (desktop, smartphone), as a visitor
arriving from a search result and as a mobile browser (spiders/variants.py) and keeps what each
was shown that its own fetch was not, after ignoring ordinary differences (spiders/
variant_diff.py). A difference is cloaking when it carries a spam signal: gambling phrases in
the text only the variant shows, or gambling words in its hidden text; links only the variant
has to outside domains that gambling words name; or a redirect off the site. Another menu, a
cookie or language banner, a date or a counter carry none. One finding per page and signal
(the spam domain, "text", "hidden-text", "redirect"), counted over pages, naming the variants
that showed it, with both sides as evidence (and, where the audit is archived, the digest, time
and WARC record of each variant's answer); the gambling words of a block whose links name a
spam domain go with that domain's finding (one injected block, one finding).
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._spam import spam_domains, text_terms
from auditor.rules._text import snippet
from auditor.rules._web import host_of, is_outside, registrable
from auditor.rules.base import Rule, RuleContext

OWN_SNIPPET = 160  # characters of the auditor's own fetch shown beside the variant's
VISITORS_VI = {"googlebot": "Googlebot (máy tính)", "googlebot-smartphone": "Googlebot (điện thoại)",
               "search-visitor": "người vào từ kết quả tìm kiếm", "mobile-browser": "trình duyệt điện thoại"}


def signals(diff: dict, ctx: RuleContext) -> dict[str, dict]:
    """The spam signals of one variant's difference, by key, with their evidence."""
    found: dict[str, dict] = {}
    links = diff.get("links") or []
    for domain in spam_domains([link["url"] for link in links], [link.get("text", "") for link in links], ctx):
        shown = [link for link in links if registrable(host_of(link["url"])) == domain]
        found[domain] = {"links": [link["url"] for link in shown[:5]], "text": shown[0].get("text", "")}
    for key, field, hidden in (("text", "text", False), ("hidden-text", "hidden_text", True)):
        terms = text_terms(diff.get(field, ""), ctx, hidden=hidden)
        if terms and found:  # the words of the spam links' own block: one defect, one finding
            for evidence in found.values():
                evidence.setdefault("terms", terms[:5])
        elif terms:
            found[key] = {"terms": terms[:5], "text": snippet(diff[field], terms[0], 160)}
    chain = diff.get("redirects") or []
    if chain and is_outside(chain[-1], ctx):
        found["redirect"] = {"redirects": chain[:10], "text": f"→ {chain[-1]}"}
    return found


class Cloaking(Rule):
    id = "ADS-005"
    scope = "page"
    reads = ("final_url", "main_text", "text", "title", "variants")
    lists = ("gambling_phrases", "gambling_terms", "press_domains", "public_domains", "public_suffixes")
    severity = "error"
    title_vi = ("Không hiển thị nội dung, liên kết rác khác nhau cho máy tìm kiếm, người truy cập "
                "từ kết quả tìm kiếm hay điện thoại (cloaking, dấu hiệu trang bị tấn công)")
    title_en = "No spam shown only to search engines, search visitors or phones (cloaking, a sign of compromise)"
    failure_vi = "Trang hiển thị nội dung, liên kết cờ bạc chỉ cho máy tìm kiếm, người truy cập từ kết quả tìm kiếm hoặc điện thoại"
    remedy_vi = ("Đề nghị khẩn trương rà soát mã nguồn, tệp .htaccess, cấu hình máy chủ và mã giao "
                 "diện để gỡ bỏ đoạn mã phân biệt máy tìm kiếm, người truy cập; thay mật khẩu quản "
                 "trị, vá lỗ hổng và báo cáo cơ quan chuyên trách về an toàn thông tin.")
    remedy_en = ("Audit the code, .htaccess, server configuration and theme for the code that tells "
                 "search engines and visitors apart, remove it, change the admin passwords, patch "
                 "the vulnerability and report to the information-security unit.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        shown: dict[str, dict] = {}
        for diff in facts.variants:
            for key, evidence in signals(diff, ctx).items():
                entry = shown.setdefault(key, {**evidence, "variants": [], "variant_url": diff.get("final_url", "")})
                entry["variants"].append(diff["variant"])
                if diff.get("capture"):  # what each variant was served, as archived
                    entry.setdefault("captures", []).append(diff["capture"])
        own = facts.main_text or facts.text
        for key, evidence in shown.items():
            yield self.finding(
                facts, f"Nội dung rác chỉ hiển thị cho {', '.join(VISITORS_VI.get(v, v) for v in evidence['variants'])}: "
                       f"“{evidence['text'][:80]}”.",
                url=facts.final_url, key=key, grouped=True,
                own={"as": "auditor", "url": facts.final_url, "title": facts.title,
                     "text": own[:OWN_SNIPPET]},
                **evidence)
