"""TEC-006: The site's host has an IPv6 address (Circular 32/2017 Art. 15(4); Decree 224/2026
Art. 11(4)).

The record is gathered beside the crawl (auditor/crawl/ipv6.py: the inspector's pins, an IP
literal, or the system resolver) and kept with the site; this rule only reads it. A host that
could not be looked up is not judged.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext


class Ipv6(Rule):
    id = "TEC-006"
    scope = "site"
    reads = ("ipv6",)
    severity = "error"
    judges_abolished = False
    title_vi = "Hỗ trợ địa chỉ Internet thế hệ mới IPv6"
    title_en = "Reachable over IPv6"
    failure_vi = "Tên miền của trang không có địa chỉ IPv6"
    remedy_vi = "Đề nghị khai báo bản ghi AAAA (địa chỉ IPv6) cho tên miền và phục vụ trang qua IPv6."
    remedy_en = "Please publish an AAAA record for the site's host and serve it over IPv6."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        record = site.ipv6
        if not record or record.get("error") or record.get("addresses"):
            return
        host = record.get("host", "")
        yield self.finding(site, f"Tên miền {host} không có địa chỉ IPv6 (bản ghi AAAA).",
                           key="no-aaaa", host=host)
