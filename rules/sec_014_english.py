"""SEC-014: English version of a province portal (Decree 43/2011 Art. 13(1), Decree 42/2022
Art. 7(2)): a link labelled "English" or an ``/en`` section with content.

Only province portals must have one: the pack lists SEC-014 for the ``tinh`` level alone, and
the law data judges it only where a text binds (or bound) the level (rules/law/basis.toml).
Labels and slugs are pack data (rules/packs/_common.toml, [sections.SEC-014]).
"""

from __future__ import annotations

from auditor.rules._sections import SectionRule


class EnglishVersion(SectionRule):
    id = "SEC-014"
    title_vi = "Có thông tin bằng tiếng Anh (cổng thông tin cấp tỉnh)"
    title_en = "Has an English version (province portals)"
    failure_vi = "Cổng thông tin cấp tỉnh không có phiên bản tiếng Anh"
    remedy_vi = ("Đề nghị cung cấp tối thiểu thông tin giới thiệu, danh bạ và thông tin dịch vụ "
                 "công bằng tiếng Anh.")
    remedy_en = "Please provide at least the introduction, contacts and public-service information in English."
