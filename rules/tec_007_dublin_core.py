"""TEC-007: The home page carries Dublin Core metadata (Decree 43/2011 Art. 14, Circular
24/2011 Art. 4; Decree 224/2026 Art. 11(5) for province portals): ``<meta name="DC.title">``
and the other DC.* elements (spiders/features.py). A page without any DC.* element fails; one
without the elements named in ``dublin_core_elements`` is told which are missing.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext


class DublinCore(Rule):
    id = "TEC-007"
    scope = "site"
    reads = ("home", "home.dublin_core", "home.final_url", "home.is_html", "home.status")
    lists = ("dublin_core_elements",)
    severity = "error"
    judges_abolished = False
    title_vi = "Có dữ liệu đặc tả (Dublin Core)"
    title_en = "Carries Dublin Core metadata"
    failure_vi = "Trang không có dữ liệu đặc tả Dublin Core"
    remedy_vi = ("Đề nghị bổ sung dữ liệu đặc tả theo chuẩn Dublin Core (thẻ meta DC.title, "
                 "DC.creator, DC.date, DC.language …) cho các trang thông tin.")
    remedy_en = "Please add Dublin Core metadata (DC.title, DC.creator, DC.date, DC.language ...) to the pages."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None or not home.is_html or not 200 <= home.status < 300:
            return
        if not home.dublin_core:
            yield self.finding(site, "Trang chủ không có thẻ dữ liệu đặc tả Dublin Core (DC.*).",
                               url=home.final_url, key="missing")
            return
        missing = [e for e in ctx.words("dublin_core_elements") if e not in home.dublin_core]
        if missing:
            yield self.finding(site, "Dữ liệu đặc tả Dublin Core của trang chủ thiếu: "
                               + ", ".join(f"DC.{e}" for e in missing) + ".", url=home.final_url,
                               key="incomplete", severity="warning", missing=missing,
                               present=home.dublin_core)
