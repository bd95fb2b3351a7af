"""TEC-002: The domain is under .gov.vn and, where the regime says so, follows its naming scheme.

The host judged is the registry's ``domain`` when given (test and mirror addresses carry the
public domain there), else the URL's host; an IP address or a bare name without a ``domain``
is not judged. Under Decree 224/2026 (pack flag ``commune_domain_under_province``) a commune's
domain is ``<commune>.<province>.gov.vn`` (Art. 11(4)): one label in front of the province's
domain (the parent's, when the registry names one), the commune's name without diacritics
(warning, key ``naming``).
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._text import fold, name_core
from auditor.rules._web import host_of, is_ip, registrable, suffix
from auditor.rules.base import Rule, RuleContext


class GovDomain(Rule):
    id = "TEC-002"
    scope = "site"
    reads = ("domain", "level", "name", "parent_domain", "url")
    lists = ("name_prefixes",)
    severity = "error"
    needs_crawl = False
    judges_abolished = False
    title_vi = "Tên miền thuộc .gov.vn và đặt theo quy định"
    title_en = "The domain is under .gov.vn and follows the naming scheme"
    failure_vi = "Tên miền không thuộc .gov.vn"
    remedy_vi = ("Đề nghị sử dụng tên miền .gov.vn theo quy định (trang cấp xã: "
                 "tenphuongxa.tentinhthanh.gov.vn) và chuyển hướng tên miền cũ.")
    remedy_en = ("Please use a .gov.vn domain as the rules require (a commune: "
                 "commune.province.gov.vn) and redirect the old one.")

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        host = (site.domain or host_of(site.url)).lower()
        if not host or is_ip(host) or "." not in host:
            return
        if suffix(host) != "gov.vn":
            yield self.finding(site, f"Tên miền {host} không thuộc .gov.vn.", url=site.url,
                               key="not-gov-vn", domain=host)
            return
        if ctx.data.get("commune_domain_under_province") and site.level == "xa":
            problem = self.naming_problem(host, site, ctx)
            if problem:
                yield self.finding(site, f"Tên miền {host} không theo quy tắc "
                                         f"tenphuongxa.tentinhthanh.gov.vn: {problem}.",
                                   url=site.url, key="naming", severity="warning", domain=host)

    @staticmethod
    def naming_problem(host: str, site, ctx: RuleContext) -> str:
        province = registrable(site.parent_domain) if site.parent_domain else registrable(host)
        labels = host[: -len(province) - 1].split(".") if host.endswith("." + province) else []
        if len(labels) != 1:
            return f"cần đúng một nhãn trước tên miền của tỉnh ({province})"
        core = fold(name_core(site.name, ctx.words("name_prefixes"))).replace(" ", "")
        if core and labels[0] not in (core, "xa" + core, "phuong" + core):
            return f"nhãn “{labels[0]}” không phải tên đơn vị viết không dấu (“{core}”)"
        return ""
