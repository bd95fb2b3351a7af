"""SEC-004: The law dissemination section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-004]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class LawDisseminationSection(SectionRule):
    id = "SEC-004"
    title_vi = "Có chuyên mục Phổ biến, giáo dục pháp luật"
    title_en = "Has a law dissemination section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Phổ biến, giáo dục pháp luật"
    remedy_vi = "Đề nghị bổ sung chuyên mục Phổ biến, giáo dục pháp luật."
    remedy_en = "Please add a law dissemination section."
