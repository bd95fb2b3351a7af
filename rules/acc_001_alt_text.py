"""ACC-001: Images have alt text.

An ``<img>`` with no ``alt`` attribute at all; ``alt=""`` marks a decorative image and passes.
Hidden images and 1-pixel trackers are left out. One finding per site, counted over the pages
that have such images; the evidence shows the first few.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

TRACKER_SIZES = ("0", "1", "0px", "1px")


def missing_alt(facts) -> list[str]:
    return [m.src for m in facts.media
            if m.kind == "img" and m.alt is None and not m.hidden
            and m.width not in TRACKER_SIZES and m.height not in TRACKER_SIZES]


class AltText(Rule):
    id = "ACC-001"
    scope = "page"
    reads = ("final_url", "media")
    severity = "warning"
    title_vi = "Hình ảnh có văn bản thay thế (thuộc tính alt)"
    title_en = "Images have alt text"
    failure_vi = "Hình ảnh không có văn bản thay thế"
    remedy_vi = "Đề nghị bổ sung văn bản thay thế (thuộc tính alt) mô tả nội dung cho các hình ảnh."
    remedy_en = "Please give every image an alt text that says what it shows."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        sources = missing_alt(facts)
        if sources:
            yield self.finding(facts, f"{len(sources)} hình ảnh không có văn bản thay thế (alt).",
                               url=facts.final_url, key="img-no-alt", grouped=True,
                               images=sources[:5], count_on_page=len(sources))
