"""SEC-007: The projects, bidding and public procurement section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-007]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class ProcurementSection(SectionRule):
    id = "SEC-007"
    title_vi = "Có chuyên mục Dự án, đấu thầu, mua sắm công"
    title_en = "Has a projects, bidding and public procurement section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Dự án, đấu thầu, mua sắm công"
    remedy_vi = "Đề nghị bổ sung chuyên mục Dự án – Đấu thầu, mua sắm công."
    remedy_en = "Please add a section on projects, bidding and public procurement."
