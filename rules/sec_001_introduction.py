"""SEC-001: The introduction section: functions, organisation, leaders, map, history.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-001]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class IntroductionSection(SectionRule):
    id = "SEC-001"
    title_vi = "Có chuyên mục Giới thiệu (chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo)"
    title_en = "Has an introduction section (functions, organisation, leaders)"
    failure_vi = "Thiếu chuyên mục bắt buộc: Giới thiệu (chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo)"
    remedy_vi = "Đề nghị bổ sung chuyên mục Giới thiệu: chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, thông tin lãnh đạo, bản đồ địa giới hành chính, lịch sử, văn hóa của địa phương."
    remedy_en = "Please add an introduction section: functions and duties, organisation, leaders, an administrative map, local history and culture."
