"""SEC-003: The direction and administration section with the leaders' working schedule.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-003]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class DirectionSection(SectionRule):
    id = "SEC-003"
    title_vi = "Có chuyên mục Chỉ đạo điều hành, lịch công tác của lãnh đạo"
    title_en = "Has a direction and administration section with the leaders' working schedule"
    failure_vi = "Thiếu chuyên mục bắt buộc: Chỉ đạo điều hành, lịch công tác của lãnh đạo"
    remedy_vi = "Đề nghị bổ sung chuyên mục Chỉ đạo điều hành: ý kiến chỉ đạo, lịch làm việc của lãnh đạo, thông báo, giấy mời."
    remedy_en = "Please add a direction and administration section: instructions, the leaders' working schedule, notices and invitations."
