"""ACC-001: Images have alt text.

An ``<img>`` with no ``alt`` attribute at all; ``alt=""`` marks a decorative image and passes,
unless the image is all a link says (the extractor records it as without alt). Hidden images
and 1-pixel trackers are left out. Two causes, one finding each per site, counted over pages:
the template's images (masthead, menus, sidebars, footer: on every page) and the content's
(the pictures editors put in articles), so an article's picture is not lost among the
template's samples.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

TRACKER_SIZES = ("0", "1", "0px", "1px")


def missing_alt(facts, content: bool | None = None) -> list[str]:
    """Images without alt; ``content`` True: only the main content's, False: only the template's."""
    return [m.src for m in facts.media
            if m.kind == "img" and m.alt is None and not m.hidden
            and m.width not in TRACKER_SIZES and m.height not in TRACKER_SIZES
            and (content is None or (m.region == "body") == content)]


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
        for content, key, where in ((False, "img-no-alt", "giao diện"),
                                    (True, "img-no-alt-content", "nội dung")):
            sources = missing_alt(facts, content)
            if sources:
                yield self.finding(facts, f"{len(sources)} hình ảnh ({where}) không có văn bản thay thế (alt).",
                                   url=facts.final_url, key=key, grouped=True,
                                   images=sources[:5], count_on_page=len(sources))
