"""SEC-002: The news and events section.

The matching (navigation labels, titles, slugs; 200 with real content) is in _sections.py; the
labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-002]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class NewsSection(SectionRule):
    id = "SEC-002"
    title_vi = "Có chuyên mục Tin tức – Sự kiện"
    title_en = "Has a news and events section"
    failure_vi = "Thiếu chuyên mục bắt buộc: Tin tức – Sự kiện"
    remedy_vi = "Đề nghị bổ sung chuyên mục Tin tức – Sự kiện và thường xuyên đăng tin về hoạt động của cơ quan, địa phương."
    remedy_en = "Please add a news and events section and post the agency's news regularly."
