"""SEC-011: The access to information and budget disclosure section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-011]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class AccessToInformationSection(SectionRule):
    id = "SEC-011"
    title_vi = "Có chuyên mục Tiếp cận thông tin, công khai ngân sách"
    title_en = "Has an access to information and budget disclosure section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Tiếp cận thông tin, công khai ngân sách"
    remedy_vi = "Đề nghị bổ sung chuyên mục Tiếp cận thông tin và công khai ngân sách theo Luật Tiếp cận thông tin."
    remedy_en = "Please add an access to information section with the budget disclosures the Access to Information Law requires."
