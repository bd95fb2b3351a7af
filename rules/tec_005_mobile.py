"""TEC-005: The site can be used on a mobile device (Circular 32/2017 Art. 17(1); Decree
224/2026 Art. 10(3)(a)), as far as the home page's HTML tells:

- it declares a viewport that follows the device (``width=device-width``): without one a phone
  shows the desktop page shrunk; a fixed ``width=1024`` is no better;
- its frame has no fixed desktop width (spiders/features.py: a table or wrapper of 960 px or
  more, in attributes, inline styles or ``<style>`` rules outside media queries). Linked
  stylesheets are not read, so this part can only find, never clear, a fixed layout: it is a
  warning, the missing viewport the finding of record.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext


class MobileAccess(Rule):
    id = "TEC-005"
    scope = "site"
    reads = ("home", "home.final_url", "home.fixed_width", "home.is_html", "home.status", "home.viewport")
    severity = "error"
    judges_abolished = False
    title_vi = "Hỗ trợ truy cập từ thiết bị di động"
    title_en = "Supports access from mobile devices"
    failure_vi = "Trang chủ không hiển thị phù hợp trên thiết bị di động"
    remedy_vi = ("Đề nghị khai báo thẻ meta viewport (width=device-width) và dùng bố cục co giãn "
                 "theo màn hình thay cho bố cục cố định chiều rộng.")
    remedy_en = "Please declare a viewport (width=device-width) and use a layout that adapts to the screen."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        home = site.home
        if home is None or not home.is_html or not 200 <= home.status < 300:
            return
        if "device-width" not in home.viewport.replace(" ", "").lower():
            said = f"“{home.viewport}”" if home.viewport else "không có"
            yield self.finding(site, f"Trang chủ không khai báo viewport theo thiết bị (thẻ meta viewport: {said}).",
                               url=home.final_url, key="no-viewport", viewport=home.viewport)
        if home.fixed_width:
            yield self.finding(site, f"Trang chủ có bố cục cố định chiều rộng: {home.fixed_width}.",
                               url=home.final_url, key="fixed-width", severity="warning",
                               layout=home.fixed_width)
