"""SEC-006: The legal and administrative documents section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-006]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class DocumentsSection(SectionRule):
    id = "SEC-006"
    title_vi = "Có chuyên mục Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành (có công cụ tìm kiếm)"
    title_en = "Has a legal and administrative documents section (with a search tool)"
    failure_vi = "Thiếu chuyên mục bắt buộc: Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành (có công cụ tìm kiếm)"
    remedy_vi = "Đề nghị bổ sung chuyên mục Văn bản: văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành, kèm công cụ tìm kiếm văn bản."
    remedy_en = "Please add a documents section with legal and administrative documents and a tool to search them."
