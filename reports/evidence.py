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
    "text": ("Chữ hiển thị", "Text shown"),
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
    "count_on_page": ("Số lượng trên trang", "Count on the page"),
    "images": ("Ảnh", "Images"),
    "tag": ("Thẻ HTML", "HTML tag"),
    "where": ("Vị trí", "Where"),
    "hidden": ("Bị ẩn", "Hidden"),
    "filter": ("Quy tắc lọc quảng cáo", "Ad filter rule"),
    "signs": ("Dấu hiệu", "Signs"),
    "registry_status": ("Tình trạng theo danh sách", "Status in the registry"),
    "masthead": ("Đầu trang", "Masthead"),
    "footer": ("Chân trang", "Footer"),
    "pages": ("Các trang", "Pages"),
    "expected": ("Cần có", "Expected"),
    "missing": ("Còn thiếu", "Missing"),
    "candidates": ("Liên kết tìm thấy", "Links found"),
    "pattern": ("Mẫu nhận diện", "Pattern"),
    "article": ("Bài viết", "Article"),
    "platform": ("Nền tảng", "Platform"),
    "probe": ("Kiểm tra HTTPS", "HTTPS probe"),
    "linked_from": ("Được liên kết từ", "Linked from"),
    "broken_urls": ("Địa chỉ hỏng", "Broken addresses"),
    "domains": ("Tên miền", "Domains"),
    "hrefs": ("Địa chỉ liên kết", "Link addresses"),
    "kind": ("Loại", "Kind"),
    "error": ("Lỗi", "Error"),
    "problem": ("Vấn đề", "Problem"),
    # The browser pass (rules/_axe.py).
    "wcag": ("Tiêu chí WCAG", "WCAG criterion"),
    "level": ("Mức WCAG", "WCAG level"),
    "axe_rule": ("Quy tắc axe-core", "axe-core rule"),
    "impact": ("Mức ảnh hưởng (axe-core)", "Impact (axe-core)"),
    "elements": ("Các phần tử", "Elements"),
    # Hacked sites (issue 12): ADS-005 cloaking, ADS-006 injected scripts, ADS-007 doorway pages.
    "own": ("Công cụ kiểm tra nhận được (truy cập với tên riêng)", "What the auditor was served (under its own name)"),
    "as": ("Truy cập với tư cách", "Fetched as"),
    "variants": ("Nội dung rác chỉ hiển thị cho", "Spam shown only to"),
    "variant_url": ("Địa chỉ truy cập thử", "Address fetched as the other visitor"),
    "captures": ("Bản lưu các lần truy cập thử (WARC)", "The other visitors' answers as archived (WARC)"),
    "sha256": ("SHA-256", "SHA-256"),
    "captured_at": ("Thời điểm lưu", "Captured at"),
    "record": ("Mã bản ghi WARC", "WARC record id"),
    "links": ("Liên kết chỉ có khi truy cập thử", "Links only the other visitor got"),
    "redirects": ("Chuỗi chuyển hướng", "Redirect chain"),
    "conditions": ("Mã kiểm tra trước khi thực hiện", "What the script tests first"),
    "decoded": ("Nội dung sau khi giải mã", "Decoded text"),
    "excerpt": ("Trích đoạn mã", "Code excerpt"),
    "targets": ("Địa chỉ đích", "Targets"),
    "script": ("Đoạn mã", "Script"),
    "found_in": ("Tìm thấy qua", "Found through"),
    "spam": ("Nội dung rác", "Spam"),
    "title": ("Tiêu đề", "Title"),
}
CODE_KEYS = {"element", "html", "selector", "elements", "decoded", "excerpt"}  # markup: in a monospace block
QUOTE_KEYS = {"snippet", "masthead", "footer"}  # page text, quoted as written
# Bookkeeping of the rules, not evidence a reader needs.
HIDDEN_KEYS = {"crawl", "banner", "box"}
# The visitors the hacked-site checks fetch a page as (spiders/variants.py).
VISITORS = {"googlebot": ("Googlebot (máy tính)", "Googlebot (desktop)"),
            "googlebot-smartphone": ("Googlebot (điện thoại)", "Googlebot (smartphone)"),
            "search-visitor": ("người vào từ kết quả tìm kiếm", "a visitor from a search result"),
            "mobile-browser": ("trình duyệt điện thoại", "a mobile browser")}
# Coded values, said in words.
VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "where": {"text": ("Nội dung trang", "Page text"), "hidden": ("Phần bị ẩn của trang", "Hidden part of the page"),
              "links": ("Liên kết", "Links")},
    "kind": {"page": ("Trang", "Page"), "attachment": ("Tệp đính kèm", "Attachment"),
             "redirect": ("Chuyển hướng người truy cập", "Redirects the visitor"),
             "write": ("Chèn liên kết, khung", "Writes links or frames"),
             "decoded": ("Văn bản mã hóa", "Encoded text")},
    "variants": VISITORS,
    "conditions": {"referrer": ("trang người truy cập đến từ (document.referrer)", "where the visitor comes from (document.referrer)"),
                   "user-agent": ("thiết bị, trình duyệt (navigator.userAgent)", "the device or browser (navigator.userAgent)")},
    "found_in": {"sitemap": ("chỉ sơ đồ trang (sitemap), không trang nào liên kết đến", "the sitemap only, linked from no page")},
    "as": {"auditor": ("công cụ kiểm tra", "the auditor"), **VISITORS},
    "script": {"inline": ("mã nhúng trong trang", "inline in the page")},
    "registry_status": {"abolished": ("Đã giải thể", "Abolished"), "merged": ("Đã sáp nhập", "Merged"),
                        "active": ("Đang hoạt động", "Active")},
}
MAX_LINKS = 8  # addresses listed under one item

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
    code: bool = False  # markup, shown in a monospace block
    quote: bool = False  # page text, quoted in a block
    links: tuple[tuple[str, str | None], ...] = ()  # a list of addresses: (text, safe href)


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
            if key not in HIDDEN_KEYS and value not in (None, "", [], {}, False)]


def _item(key: str, value: object, lang: str) -> EvidenceItem:
    label = pick(KEY_LABELS[key], lang) if key in KEY_LABELS else key.replace("_", " ")
    if key == "region" and isinstance(value, str) and value in REGION_LABELS:
        return EvidenceItem(label, pick(REGION_LABELS[value], lang))
    if isinstance(value, str) and value in VALUE_LABELS.get(key, {}):
        return EvidenceItem(label, pick(VALUE_LABELS[key][value], lang))
    if isinstance(value, list) and value and all(isinstance(v, str) and v in VALUE_LABELS.get(key, {}) for v in value):
        return EvidenceItem(label, ", ".join(pick(VALUE_LABELS[key][v], lang) for v in value))
    if isinstance(value, list) and value and all(safe_href(v) for v in value):
        shown = tuple((v, safe_href(v)) for v in value[:MAX_LINKS])
        more = f"+{len(value) - MAX_LINKS}" if len(value) > MAX_LINKS else ""
        return EvidenceItem(label, more, links=shown)
    text = _as_text(value, lang)
    return EvidenceItem(label, shorten(text), href=safe_href(value), code=key in CODE_KEYS,
                        quote=key in QUOTE_KEYS)


def _as_text(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        shown = [_as_text(item, lang) for item in value[:MAX_ITEMS]]
        more = f" (+{len(value) - MAX_ITEMS})" if len(value) > MAX_ITEMS else ""
        return "; ".join(shown) + more
    if isinstance(value, dict):
        return ", ".join(f"{_key_label(k, lang)}: {_value_text(k, v, lang)}" for k, v in value.items()
                         if v not in (None, "", [], {}))
    return str(value)


def _value_text(key: str, value: object, lang: str) -> str:
    if isinstance(value, str) and value in VALUE_LABELS.get(key, {}):
        return pick(VALUE_LABELS[key][value], lang)
    return _as_text(value, lang)


def _key_label(key: str, lang: str) -> str:
    return pick(KEY_LABELS[key], lang).lower() if key in KEY_LABELS else key.replace("_", " ")
