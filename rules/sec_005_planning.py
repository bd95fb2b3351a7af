"""SEC-005: The strategy, planning and plans section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-005]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class PlanningSection(SectionRule):
    id = "SEC-005"
    title_vi = "Có chuyên mục Chiến lược, quy hoạch, kế hoạch"
    title_en = "Has a strategy, planning and plans section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Chiến lược, quy hoạch, kế hoạch"
    remedy_vi = "Đề nghị bổ sung chuyên mục Chiến lược, quy hoạch, kế hoạch phát triển kinh tế – xã hội của địa phương."
    remedy_en = "Please add a section with the local development strategy, planning and plans."
