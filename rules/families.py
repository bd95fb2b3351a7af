"""The rule families: a rule id's prefix ("ADS" of "ADS-003"), in the order reports list them,
each with its name and the strength a report records when a site passes the whole family.

The strengths are generic on purpose: they must stay true whatever rules the family holds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    name: tuple[str, str]  # Vietnamese, English
    strength: tuple[str, str]  # the sentence of a site that passed every criterion of the family


FAMILIES: dict[str, Family] = {
    "SEC": Family(("Chuyên mục bắt buộc", "Mandatory sections"),
                  ("Có đủ các chuyên mục thông tin bắt buộc theo quy định",
                   "Has every mandatory section the law requires")),
    "FTR": Family(("Đầu trang và chân trang", "Masthead and footer"),
                  ("Đầu trang, chân trang ghi đủ thông tin về cơ quan chủ quản, người chịu trách nhiệm, "
                   "liên hệ và bản quyền",
                   "The masthead and footer name the owner agency, the person responsible, contacts "
                   "and copyright")),
    "FRS": Family(("Cập nhật thông tin", "Timely updates"),
                  ("Thông tin được cập nhật thường xuyên, kịp thời", "Information is updated regularly")),
    "MED": Family(("Bản quyền nội dung, báo chí", "Press content and copyright"),
                  ("Tin bài ghi rõ tác giả, nguồn; không đăng lại nội dung, hình ảnh báo chí khi chưa "
                   "rõ bản quyền",
                   "Articles credit author and source; no press content or photos reused without "
                   "clear rights")),
    "ADS": Family(("Quảng cáo và nội dung rác", "Advertising and injected spam"),
                  ("Không có quảng cáo không đủ điều kiện, không có nội dung rác, cờ bạc",
                   "No unqualified advertising, no spam or gambling content")),
    "TEC": Family(("Kỹ thuật", "Technical quality"),
                  ("Đáp ứng các yêu cầu kỹ thuật được kiểm tra", "Meets the technical requirements inspected")),
    "ACC": Family(("Hỗ trợ người khuyết tật", "Accessibility"),
                  ("Đáp ứng các yêu cầu hỗ trợ người khuyết tật được kiểm tra",
                   "Meets the accessibility requirements inspected")),
}

# A family this version does not know (a rule of another version, a plug-in).
OTHER = Family(("Tiêu chí khác", "Other criteria"),
               ("Đáp ứng các tiêu chí khác được kiểm tra", "Meets the other criteria inspected"))


def family_of(rule_id: str) -> str:
    return rule_id.split("-", 1)[0].upper()


def family(code: str) -> Family:
    return FAMILIES.get(code, OTHER)


def family_order(code: str) -> tuple[int, str]:
    """Sort key: the families in their table's order, unknown ones after, by code."""
    order = list(FAMILIES)
    return (order.index(code) if code in order else len(order), code)
