"""ACC-002: No blinking or auto-moving text (``<marquee>``, ``<blink>``). One finding per tag and
site, counted over pages."""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext


class MovingText(Rule):
    id = "ACC-002"
    scope = "page"
    reads = ("blink_tags", "final_url")
    severity = "warning"
    title_vi = "Không dùng chữ nhấp nháy, chữ chạy tự động"
    title_en = "No blinking or auto-moving text"
    failure_vi = "Trang có chữ chạy hoặc nhấp nháy"
    remedy_vi = ("Đề nghị bỏ chữ chạy (marquee), chữ nhấp nháy; nếu cần hiệu ứng chuyển động, cho "
                 "phép người dùng dừng lại.")
    remedy_en = "Please remove marquee and blinking text, or let the visitor stop any motion."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        for tag in dict.fromkeys(facts.blink_tags):
            yield self.finding(facts, f"Trang có chữ chạy, nhấp nháy (thẻ <{tag}>).",
                               url=facts.final_url, key=tag, grouped=True, tag=tag)
