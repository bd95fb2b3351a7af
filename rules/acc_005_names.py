"""ACC-005: Links, buttons and other controls have an accessible name (WCAG 4.1.2, 2.4.4).

An icon-only link, an empty button, a frame without a title: a screen reader announces
"link" or "button" and nothing else. Judged in the browser by axe-core (``link-name``,
``button-name``, ``frame-title``, the ARIA rules ...), which computes the accessible name
as assistive technology does.
"""

from __future__ import annotations

from auditor.rules._axe import BrowserRule


class AccessibleNames(BrowserRule):
    id = "ACC-005"
    title_vi = "Liên kết, nút bấm và thành phần điều khiển có tên truy cập được (WCAG 4.1.2)"
    title_en = "Links, buttons and controls have an accessible name (WCAG 4.1.2)"
    failure_vi = "Liên kết hoặc nút bấm không có tên (chỉ có biểu tượng hoặc để trống)"
    remedy_vi = ("Đề nghị đặt tên cho các liên kết, nút bấm chỉ có biểu tượng (nội dung chữ, "
                 "aria-label hoặc văn bản thay thế của biểu tượng).")
    remedy_en = "Please give icon-only links and buttons a name (text, aria-label or the icon's alt text)."
    criteria = ("4.1.2", "2.4.4")
