"""ACC-008: Markup is well formed and structured (WCAG 4.1.1, 1.3.1).

Two elements with one ``id`` (a label or an ARIA reference then points at the wrong one),
lists and tables whose structure is broken. Judged in the browser by axe-core
(``duplicate-id``, ``duplicate-id-active``, ``duplicate-id-aria``, ``list``, ``td-headers-attr``
...). WCAG 2.2 dropped 4.1.1 Parsing and axe marks its rules deprecated, but WCAG 2.0, which
the circular follows, still has it: the browser pass runs them (auditor/browser/axe.py).
"""

from __future__ import annotations

from auditor.rules._axe import BrowserRule


class Parsing(BrowserRule):
    id = "ACC-008"
    title_vi = "Mã trang đúng cấu trúc, không trùng mã định danh (WCAG 4.1.1, 1.3.1)"
    title_en = "Markup is well formed, with unique ids (WCAG 4.1.1, 1.3.1)"
    failure_vi = "Mã trang có mã định danh (id) trùng lặp hoặc cấu trúc sai"
    remedy_vi = "Đề nghị sửa mã trang: mỗi id chỉ dùng một lần; danh sách, bảng đúng cấu trúc."
    remedy_en = "Please fix the markup: every id used once; lists and tables properly structured."
    criteria = ("4.1.1", "1.3.1")
    axe_rules = frozenset({"duplicate-id", "duplicate-id-active", "duplicate-id-aria"})
