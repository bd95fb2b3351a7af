"""A small province in a real store, for the report tests: two audits of the same registry, with
findings written through Store.add_findings exactly as the rule engine writes them.

Audit 1 and audit 2 differ by one fixed and one new finding on xa-a (and the rest stays open),
so the history has something to show. One finding names a rule no catalogue knows (XYZ-901),
one carries a hostile title and snippet, one site is unreachable and one only partly crawled.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor.judge.findings import Finding
from auditor.registry import Registry, Site
from auditor.spiders.facts import PageFacts
from auditor.spiders.outcomes import Reason, dump_all
from auditor.store.database import Store

HOSTILE_TITLE = '<script>alert("tiêu đề")</script>Tin <b>nổi bật</b>'
HOSTILE_SNIPPET = '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">bấm</a>'

SITES = [
    Site("quang-tri", "Cổng thông tin điện tử tỉnh Quảng Trị", "tinh", "http://127.0.0.1:9/"),
    Site("huong-hoa", "UBND huyện Hướng Hóa", "huyen", "http://127.0.0.1:9/huong-hoa/",
         parent="quang-tri", status="abolished", domain="huonghoa.quangtri.gov.vn"),
    Site("xa-a", "UBND xã Hướng Lập", "xa", "http://127.0.0.1:9/xa-a/", parent="huong-hoa"),
    Site("xa-b", "UBND xã Tân Hợp", "xa", "http://127.0.0.1:9/xa-b/", parent="huong-hoa"),
    Site("xa-c", "UBND xã A Ngo", "xa", "http://127.0.0.1:9/xa-c/", parent="quang-tri"),
]
CRAWL = {  # key: (crawl status, reasons, pages)
    "quang-tri": ("ok", [], 3),
    "huong-hoa": ("ok", [], 3),
    "xa-a": ("ok", [], 3),
    "xa-b": ("unreachable", [Reason("refused")], 0),
    "xa-c": ("partial", [Reason("page-budget"), Reason("trap-urls", {"count": 4})], 3),
}


def finding(rule, site, severity, title, message, url=None, key="", grouped=False,
            basis="Nghị định 224/2026/NĐ-CP, Điều 9", **evidence) -> Finding:
    return Finding(rule=rule, site=site, message=message, url=url, key=key, evidence=evidence,
                   grouped=grouped, severity=severity, title=title, basis=basis)


def base(site: str, path: str) -> str:
    return next(s.url for s in SITES if s.id == site) + path


def findings_of_audit(number: int) -> list[Finding]:
    found = [
        finding("ADS-003", "xa-a", "error", "Nội dung cờ bạc, cá cược bị chèn vào trang",
                "Trang có liên kết quảng cáo nhà cái \u201cnổ hũ đổi thưởng\u201d.",
                url=base("xa-a", "tin-tuc.html"), key="nohu", term="nổ hũ",
                href="https://nohu-doi-thuong.example/"),
        *(finding("ADS-002", "xa-a", "warning", "Banner quảng cáo thương mại không gắn nhãn",
                  "Cột bên có banner của Khách sạn Sê Pôn, không ghi \u201cQuảng cáo\u201d.",
                  url=base("xa-a", path), key="sepon", grouped=True, region="sidebar",
                  element='<a href="https://khachsansepon.vn"><img src="banner.png"></a>')
          for path in ("", "tin-tuc.html", "gioi-thieu.html")),
        finding("MED-002", "xa-a", "warning", "Đăng lại bài báo không ghi tác giả, nguồn",
                HOSTILE_TITLE, url=base("xa-a", "diem-bao.html"), key="diem-bao",
                snippet=HOSTILE_SNIPPET, href="javascript:alert(3)"),
        finding("XYZ-901", "xa-a", "info", "Quy tắc bổ sung của tỉnh: thiếu biểu tượng Quốc huy",
                "Đầu trang không có Quốc huy.", url=None, key="quoc-huy",
                basis="Quy định của UBND tỉnh (thử nghiệm)"),
        finding("SEC-003", "huong-hoa", "error", "Thiếu chuyên mục Chỉ đạo điều hành",
                "Không tìm thấy chuyên mục \u201cChỉ đạo điều hành\u201d hay \u201cLịch công tác\u201d.",
                key="SEC-003", section="Chỉ đạo điều hành", labels=["Chỉ đạo điều hành", "Lịch công tác"]),
        finding("FTR-004", "huong-hoa", "warning", "Thư điện tử liên hệ dùng dịch vụ miễn phí",
                "Chân trang ghi hộp thư huonghoa.vhtt@gmail.com thay vì hộp thư công vụ.",
                url=base("huong-hoa", ""), key="gmail", email="huonghoa.vhtt@gmail.com"),
        finding("FRS-004", "xa-b", "error", "Trang không truy cập được",
                "Máy chủ từ chối kết nối.", key="down", reason="refused"),
        *(finding("ACC-001", "xa-c", "info", "Ảnh không có văn bản thay thế",
                  "Ảnh không có thuộc tính alt.", url=base("xa-c", path), key="alt",
                  grouped=True, src=base("xa-c", "anh.jpg"))
          for path in ("tin-tuc.html", "gioi-thieu.html")),
    ]
    if number == 1:
        found.append(finding("TEC-004", "xa-a", "warning", "Liên kết nội bộ bị hỏng",
                             "Liên kết tới /van-ban/cu.pdf trả về 404.", url=base("xa-a", "van-ban.html"),
                             key="/van-ban/cu.pdf", href=base("xa-a", "van-ban/cu.pdf"), status=404))
    else:
        found.append(finding("FRS-002", "xa-a", "warning", "Lịch công tác không được cập nhật",
                             "Lịch công tác mới nhất là của tuần 12/10/2026.",
                             url=base("xa-a", "lich-cong-tac.html"), key="lich", newest="2026-10-12"))
    return found


def page(site: str, path: str, title: str, published: str = "", status: int = 200) -> PageFacts:
    return PageFacts(site=site, url=base(site, path), final_url=base(site, path), status=status,
                     content_type="text/html", is_html=True, depth=1, bytes=1000, title=title,
                     lang="vi", main_text="x" * 800, published=published,
                     fetched_at="2026-11-20T01:00:00+00:00")


def pages_of(site: str) -> list[PageFacts]:
    return [page(site, "", "Trang chủ"), page(site, "tin-tuc.html", "Tin tức", "2026-11-18"),
            page(site, "gioi-thieu.html", "Giới thiệu")]


def record_audit(store: Store, number: int) -> int:
    registry = Registry(path="sites.toml", sites=SITES, name=f"Kiểm tra định kỳ lần {number}",
                        inspector="Sở Khoa học và Công nghệ tỉnh Quảng Trị", pack="nd224-2026")
    audit_id = store.new_audit(registry, pack="nd224-2026", settings={}, version="test", pid=0)
    ids = store.site_ids(audit_id)
    for key, (status, reason, pages) in CRAWL.items():
        store.update_site(ids[key], crawl_status=status, reason=dump_all(reason), pages=pages)
        if pages:
            store.write_pages(audit_id, [(facts, ids[key]) for facts in pages_of(key)])
    store.add_findings(audit_id, [f.to_row(ids[f.site]) for f in findings_of_audit(number)])
    store.finish_audit(audit_id)
    return audit_id


def province_store(path: Path, audits: int = 2) -> tuple[Store, list[int]]:
    store = Store(path)
    return store, [record_audit(store, number) for number in range(1, audits + 1)]


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
