"""SEC-009: The contacts section (directory of officials).

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-009]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class ContactsSection(SectionRule):
    id = "SEC-009"
    title_vi = "Có chuyên mục Danh bạ, liên hệ (điện thoại, thư điện tử của cán bộ)"
    title_en = "Has a contacts section (phones and emails of officials)"
    failure_vi = "Thiếu chuyên mục bắt buộc: Danh bạ, liên hệ (điện thoại, thư điện tử của cán bộ)"
    remedy_vi = "Đề nghị bổ sung chuyên mục Danh bạ: điện thoại, thư điện tử công vụ của lãnh đạo và cán bộ có thẩm quyền."
    remedy_en = "Please add a directory with the phones and official emails of the leaders and responsible officials."
