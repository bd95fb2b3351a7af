"""SEC-010: The administrative procedures and online public services section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-010]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class ProceduresSection(SectionRule):
    id = "SEC-010"
    title_vi = "Có chuyên mục Thủ tục hành chính, dịch vụ công trực tuyến"
    title_en = "Has an administrative procedures and online public services section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Thủ tục hành chính, dịch vụ công trực tuyến"
    remedy_vi = "Đề nghị bổ sung chuyên mục Thủ tục hành chính và liên kết đến dịch vụ công trực tuyến."
    remedy_en = "Please add an administrative procedures section linked to the online public services."
