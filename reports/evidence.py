"""A finding's evidence as the report shows it: labelled items, long snippets cut, links made
safe. Pure data; the templates escape every text.

Everything here comes from a crawled site and is hostile until shown otherwise: escaping is the
templates' job (autoescape), and this module makes sure that only ``http``/``https`` addresses
ever become links, so that a ``javascript:`` or ``data:`` URL planted in a page stays text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from auditor.reports.i18n import pick

MAX_TEXT = 400  # characters of a snippet shown; the rest is in the store
MAX_ITEMS = 10  # values of a list shown

KEY_LABELS: dict[str, tuple[str, str]] = {
    "element": ("Phần tử", "Element"),
    "snippet": ("Trích đoạn", "Snippet"),
    "html": ("Mã HTML", "HTML"),
    "text": ("Nội dung", "Text"),
    "href": ("Liên kết", "Link"),
    "src": ("Nguồn tệp", "Source"),
    "url": ("Địa chỉ", "Address"),
    "domain": ("Tên miền", "Domain"),
    "host": ("Máy chủ", "Host"),
    "term": ("Từ khóa", "Term"),
    "terms": ("Từ khóa", "Terms"),
    "label": ("Nhãn", "Label"),
    "region": ("Vị trí", "Location"),
    "section": ("Chuyên mục", "Section"),
    "labels": ("Nhãn tìm kiếm", "Labels searched"),
    "newest": ("Ngày mới nhất", "Newest date"),
    "date": ("Ngày", "Date"),
    "limit_days": ("Giới hạn (ngày)", "Limit (days)"),
    "age_days": ("Số ngày", "Age (days)"),
    "email": ("Thư điện tử", "Email"),
    "emails": ("Thư điện tử", "Emails"),
    "status": ("Mã trạng thái", "Status"),
    "reason": ("Lý do", "Reason"),
    "selector": ("Bộ chọn", "Selector"),
    "author": ("Tác giả", "Author"),
    "source": ("Nguồn", "Source"),
    "count": ("Số lượng", "Count"),
}
CODE_KEYS = {"element", "snippet", "html", "selector"}

REGION_LABELS: dict[str, tuple[str, str]] = {
    "header": ("Đầu trang", "Header"),
    "nav": ("Thanh menu", "Navigation"),
    "sidebar": ("Cột bên", "Sidebar"),
    "body": ("Thân trang", "Body"),
    "footer": ("Chân trang", "Footer"),
}


@dataclass(frozen=True)
class EvidenceItem:
    label: str
    text: str
    href: str | None = None  # only an http(s) address
    code: bool = False  # shown as markup or page text, in a monospace block


def safe_href(value: object) -> str | None:
    """The value as a link target if it is an absolute http(s) URL, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in text for c in "\r\n\t"):
        return text
    return None


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evidence_items(evidence_json: str | None, lang: str) -> list[EvidenceItem]:
    try:
        evidence = json.loads(evidence_json or "{}")
    except json.JSONDecodeError:
        evidence = {"text": evidence_json}
    if not isinstance(evidence, dict):
        evidence = {"text": evidence}
    return [_item(key, value, lang) for key, value in evidence.items()
            if value not in (None, "", [], {})]


def _item(key: str, value: object, lang: str) -> EvidenceItem:
    label = pick(KEY_LABELS[key], lang) if key in KEY_LABELS else key.replace("_", " ")
    if key == "region" and isinstance(value, str) and value in REGION_LABELS:
        return EvidenceItem(label, pick(REGION_LABELS[value], lang))
    text = _as_text(value)
    return EvidenceItem(label, shorten(text), href=safe_href(value), code=key in CODE_KEYS)


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        shown = [_as_text(item) for item in value[:MAX_ITEMS]]
        more = f" (+{len(value) - MAX_ITEMS})" if len(value) > MAX_ITEMS else ""
        return "; ".join(shown) + more
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
