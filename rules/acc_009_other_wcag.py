"""ACC-009: The other WCAG 2.0 A/AA criteria axe-core checks in the browser.

What no other browser rule owns (``catch_all``): a page title (2.4.2), a way to skip the
navigation (2.4.1), zoom not disabled (1.4.4), text alternatives of SVG, ``role="img"``,
``<object>`` and image buttons (1.1.1; ``<img>`` itself is ACC-001's), keyboard access to
scrolling regions (2.1.1) ... Each finding names its criterion.
"""

from __future__ import annotations

from auditor.rules._axe import BrowserRule


class OtherCriteria(BrowserRule):
    id = "ACC-009"
    title_vi = "Các tiêu chí WCAG 2.0 khác kiểm tra được trong trình duyệt"
    title_en = "Other WCAG 2.0 criteria checked in the browser"
    failure_vi = "Trang không đạt tiêu chí WCAG khác (xem tiêu chí trong từng phát hiện)"
    remedy_vi = "Đề nghị khắc phục theo tiêu chí WCAG nêu trong từng phát hiện."
    remedy_en = "Please correct each finding as its WCAG criterion asks."
    catch_all = True
