"""ACC-004: Text contrasts enough with its background (WCAG 1.4.3), and colour is not the only
sign of a link (1.4.1). Judged in the browser by axe-core (``color-contrast``,
``link-in-text-block``): only a rendered page knows the colours its stylesheets give."""

from __future__ import annotations

from auditor.rules._axe import BrowserRule


class Contrast(BrowserRule):
    id = "ACC-004"
    title_vi = "Chữ có độ tương phản đủ với nền (WCAG 1.4.3)"
    title_en = "Text has enough contrast with its background (WCAG 1.4.3)"
    failure_vi = "Chữ có độ tương phản thấp so với nền"
    remedy_vi = ("Đề nghị chỉnh màu chữ hoặc màu nền để tỷ lệ tương phản đạt ít nhất 4,5:1 "
                 "(3:1 với chữ lớn).")
    remedy_en = "Please change the text or background colour to a contrast ratio of at least 4.5:1 (3:1 for large text)."
    criteria = ("1.4.3", "1.4.1")
