"""ADS-002: No unlabelled banner or link to a commercial site in the header, sidebar or footer.

A link counts when it is visible, sits in the header, a sidebar or the footer, and leads
outside the site and the audited registry to a domain that is not a public body's (.gov.vn,
.edu.vn, .org.vn ... ``public_suffixes``; ``public_domains``), a press outlet's
(``press_domains``) or a platform page's (``platform_domains``: the agency's Facebook or Zalo
page). It is exempt when the box it sits in is labelled as advertising ("Quảng cáo",
``ad_labels``), and in the footer when it is the site builder's credit ("Thiết kế bởi …",
``credit_terms``). One finding per advertised domain and site, counted over its pages.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._text import any_folded, fold
from auditor.rules._web import host_of, is_business_host, outside_links, registrable
from auditor.rules.base import Rule, RuleContext
from auditor.rules._spam import link_terms
from auditor.spiders.profiles import credit_hosts

REGIONS = ("header", "sidebar", "footer")
CREDIT_REACH = 60  # characters before a footer link that may hold "Thiết kế bởi"


# Licence pages linked from terms and footers: no advertiser behind them.
LICENCE_HOSTS = frozenset({"gnu.org", "creativecommons.org", "fsf.org", "opensource.org"})


def is_credit(link, facts, ctx: RuleContext) -> bool:
    """The CMS's own credit ("Powered by WordPress", "Mã nguồn NukeViet"), its vendor's or a
    licence link; or a footer text link after "Thiết kế bởi ..."."""
    if registrable(host_of(link.url)) in credit_hosts() | LICENCE_HOSTS:
        return True
    if link.region != "footer" or link.has_image:
        return False
    footer = fold(facts.footer_text)
    at = footer.find(fold(link.text)) if link.text else -1
    before = footer[max(at - CREDIT_REACH, 0):at] if at >= 0 else ""
    return bool(any_folded(before + " " + link.text, ctx.words("credit_terms")))


def is_labelled_ad(link, ctx: RuleContext) -> bool:
    return bool(any_folded(f"{link.label} {link.title}", ctx.words("ad_labels")))


class CommercialLinks(Rule):
    id = "ADS-002"
    scope = "page"
    reads = ("final_url", "footer_text", "links")
    lists = (
        "ad_labels", "credit_terms", "gambling_phrases", "gambling_terms", "platform_domains",
        "press_domains", "public_domains", "public_suffixes",
    )
    severity = "warning"
    title_vi = "Không có banner, liên kết quảng cáo thương mại không ghi rõ là quảng cáo"
    title_en = "No unlabelled commercial banners or links in header, sidebar or footer"
    failure_vi = "Trang có banner, liên kết đến trang thương mại không ghi rõ là quảng cáo"
    remedy_vi = ("Đề nghị gỡ bỏ các liên kết, banner quảng cáo không đủ điều kiện; quảng cáo (nếu "
                 "có) phải ghi rõ “Quảng cáo”, tách biệt với tin tức.")
    remedy_en = ("Please remove advertising links and banners that lack the conditions; any "
                 "advertising must be labelled \"Quảng cáo\" and kept apart from the news.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        for link, host in outside_links(facts.links, ctx):
            if link.hidden or link.region not in REGIONS or not is_business_host(host, ctx):
                continue
            if is_labelled_ad(link, ctx) or is_credit(link, facts, ctx):
                continue
            if link_terms(link, ctx):  # a gambling link: ADS-003's error, one cause, one finding
                continue
            domain = registrable(host_of(link.url))
            kind = "Banner" if link.has_image else "Liên kết"
            yield self.finding(facts, f"{kind} đến trang thương mại {domain} không ghi rõ là quảng cáo.",
                               url=facts.final_url, key=domain, grouped=True, href=link.url,
                               text=link.text[:120], region=link.region, banner=link.has_image,
                               box=link.label)
