"""The department's prose: what a site does well ("Ưu điểm") and what it is asked to do
("Kiến nghị"), composed from the criteria. Pure text, no HTML (the templates escape it).

The phrasing follows the review in seeds/003: strengths are recorded as the department records
them ("Trang thông tin điện tử ... được cập nhật thường xuyên"), requests open with the unit
addressed and list what to fix, and a district (or the province) is asked to direct its
communes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.reports.i18n import pick, word
from auditor.rules.families import family

_REQUEST_PREFIX = re.compile(r"^\s*(đề nghị|yêu cầu|please)\s+", re.IGNORECASE)
_UNIT_WORDS = ("ubnd", "ủy ban", "uỷ ban", "sở", "ban", "phòng", "văn phòng", "trung tâm", "hđnd")


@dataclass
class Request:
    text: str
    rules: list[str]  # the criteria it answers
    pages: int  # pages where the shortcomings were seen (0: site-wide)
    pages_exact: bool = True  # False: several findings, ``pages`` is the widest (a lower bound)


def family_strength(code: str, family_label: str, passed: int, total: int, lang: str) -> str:
    """A family's strength: the whole family passed, or the share that did."""
    if passed == total:
        sentence = pick(family(code).strength, lang)
        return f"{sentence} ({passed}/{total} " + ("tiêu chí đạt)." if lang == "vi" else "criteria passed).")
    if lang == "vi":
        return f"Về {family_label.lower()}: đạt {passed}/{total} tiêu chí."
    return f"{family_label}: {passed} of {total} criteria passed."


def newest_article(day: str, lang: str) -> str:
    return (f"Tin bài mới nhất được đăng ngày {day}." if lang == "vi"
            else f"The newest article is dated {day}.")


def documents_available(count: int, lang: str) -> str:
    return (f"Đăng tải {count} tệp văn bản, tài liệu đính kèm, đều truy cập được." if lang == "vi"
            else f"Publishes {count} attached documents, all of them reachable.")


def pages_respond(count: int, lang: str) -> str:
    return (f"Cả {count} trang được kiểm tra đều phản hồi bình thường." if lang == "vi"
            else f"All {count} pages inspected answered normally.")


def as_request(remedy: str) -> str:
    """A rule's remedy as an item under "X đề nghị Y:": without its own "Đề nghị", capitalised."""
    text = _REQUEST_PREFIX.sub("", remedy.strip())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", ";")) else text + "."


def addressee(unit_name: str, lang: str) -> str:
    """The unit as a request addresses it: "UBND xã A", or the unit managing a portal."""
    lowered = unit_name.lower()
    if any(lowered.startswith(prefix + " ") for prefix in _UNIT_WORDS):
        return unit_name
    return (f"đơn vị quản lý {unit_name}" if lang == "vi" else f"the unit managing {unit_name}")


def children_request(level: str, children: list[tuple[str, str, int]], focus: list[str],
                     lang: str) -> str:
    """The request to direct subordinate units: (name, verdict label, failed criteria) each,
    and the families where they fall short most."""
    kind = word({"huyen": "children_kind_huyen", "tinh": "children_kind_tinh"}.get(
        level, "children_kind_other"), lang)
    listed = "; ".join(
        f"{name} ({verdict}" + (f", {word('children_failed', lang, n=failed)}" if failed else "") + ")"
        for name, verdict, failed in children)
    focus_text = word("children_focus", lang, families="; ".join(f.lower() for f in focus)) if focus else ""
    return word("request_children", lang, children_kind=kind, children=listed, focus=focus_text)
