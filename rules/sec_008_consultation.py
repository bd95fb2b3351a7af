"""SEC-008: The consultation, feedback and Q&A section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-008]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class ConsultationSection(SectionRule):
    id = "SEC-008"
    title_vi = "Có chuyên mục Lấy ý kiến, góp ý, hỏi đáp"
    title_en = "Has a consultation, feedback and Q&A section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Lấy ý kiến, góp ý, hỏi đáp"
    remedy_vi = "Đề nghị bổ sung chuyên mục Lấy ý kiến dự thảo văn bản, góp ý, hỏi đáp và bảo đảm trang hoạt động."
    remedy_en = "Please add a working section for consultation on drafts, feedback and questions."
