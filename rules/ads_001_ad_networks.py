"""ADS-001: No ad-network scripts, frames or pixels.

Every script, frame, image and embed a page loads is matched by the EasyList engine
(auditor/judge/adhosts.py) over the pack's ad hosts (rules/data/adhosts.txt) and the user's
EasyList/ABPVN files. One finding per ad network (registrable domain) and site, counted over
its pages; the evidence names the filter that matched.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._web import host_of, registrable
from auditor.rules.base import Rule, RuleContext

LOADED_MEDIA = ("iframe", "img", "embed", "object")


def loaded(facts) -> Iterator[tuple[str, str]]:
    """(url, element) of what the page loads."""
    for src in facts.scripts:
        yield src, "script"
    for media in facts.media:
        if media.kind in LOADED_MEDIA:
            yield media.src, media.kind


class AdNetworks(Rule):
    id = "ADS-001"
    scope = "page"
    reads = ("final_url", "media", "scripts")
    severity = "warning"
    title_vi = "Không gắn mã quảng cáo của mạng quảng cáo"
    title_en = "No ad-network scripts, frames or pixels"
    failure_vi = "Trang gắn mã của mạng quảng cáo"
    remedy_vi = ("Đề nghị gỡ bỏ mã quảng cáo của các mạng quảng cáo; quảng cáo trên trang thông tin "
                 "điện tử của cơ quan nhà nước phải tuân thủ quy định của Luật Quảng cáo.")
    remedy_en = "Please remove the ad networks' code; any advertising must follow the Advertising Law."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if ctx.ads is None:
            return
        for url, element in loaded(facts):
            rule = ctx.ads.match(url, facts.final_url, element)
            if rule:
                network = registrable(host_of(url))
                yield self.finding(facts, f"Trang gắn mã của mạng quảng cáo {network}.",
                                   url=facts.final_url, key=network, grouped=True, src=url,
                                   element=element, filter=rule)
