"""The store as Datasette sees it (`auditor browse`): Vietnamese titles and descriptions, facets,
and the questions an inspector asks, as canned queries.

Everything here is read-only SQL over the store's tables, plus one view, ``findings_view`` (a
finding with its site's registry id and its rule family), so that Datasette can facet on the
family and the site. The view is created if the store lacks it; nothing else is written.
"""

from __future__ import annotations


FINDINGS_VIEW = """
create view if not exists findings_view as
select f.id, f.audit_id, s.key as site, s.name as site_name, s.parent as parent,
       substr(f.rule, 1, instr(f.rule, '-') - 1) as family, f.rule, f.severity, f.url,
       f.title, f.message, f.basis, f.count, f.fingerprint, f.waived
from findings f join sites s on s.id = f.site_id
"""

LATEST = "(select max(id) from audits where status = 'complete')"


def _score_sql() -> str:
    """The score of reports/score.py in SQL: 100 minus the penalty of each failed criterion
    (rule) at its most severe, for sites whose content was inspected."""
    from auditor.reports.score import PENALTY

    worst = " ".join(f"when '{sev}' then {points}" for sev, points in PENALTY.items())
    return f"""
select s.key as site, s.name, s.level, s.parent, s.crawl_status,
       max(0, 100 - coalesce(sum(c.penalty), 0)) as score,
       sum(c.severity = 'error') as errors, sum(c.severity = 'warning') as warnings
from sites s
left join (
  select site_id, rule, max(case severity {worst} else 0 end) as penalty,
         case max(case severity {worst} else 0 end)
              {" ".join(f"when {p} then '{s}'" for s, p in PENALTY.items())} end as severity
  from findings where audit_id = coalesce(nullif(:audit, ''), {LATEST}) and waived is null
  group by site_id, rule
) c on c.site_id = s.id
where s.audit_id = coalesce(nullif(:audit, ''), {LATEST}) and s.crawl_status in ('ok', 'partial')
group by s.id order by score asc, errors desc, s.key
"""


QUERIES = {
    "phat_hien_cua_website": {
        "title": "Phát hiện của một website trong lần kiểm tra gần nhất",
        "description": "Mọi phát hiện của website (mã trong danh sách, ví dụ huong-lap), nặng trước.",
        "sql": f"""select rule, severity, title, message, url, count, basis from findings_view
where audit_id = {LATEST} and site = :site
order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, rule""",
    },
    "phat_hien_moi": {
        "title": "Phát hiện mới so với lần kiểm tra trước",
        "description": "Phát hiện của lần kiểm tra gần nhất mà lần trước đó không có (theo dấu vân tay).",
        "sql": f"""select site, rule, severity, title, message, url from findings_view
where audit_id = {LATEST} and fingerprint not in (
  select fingerprint from findings where audit_id = (
    select max(id) from audits where status = 'complete' and id < {LATEST}))
order by site, rule""",
    },
    "xep_hang_website": {
        "title": "Xếp hạng website theo điểm",
        "description": "Điểm = 100 − 10 × tiêu chí lỗi − 4 × cảnh báo − 1 × lưu ý (docs/reports.md); "
                       "chỉ các website đã kiểm tra được nội dung. Để trống :audit là lần gần nhất.",
        "sql": None,  # filled from reports/score.py
    },
    "lien_ket_cua_trang": {
        "title": "Liên kết trên một trang",
        "description": "Các liên kết của một trang (:page là id của trang trong bảng pages), theo "
                       "thứ tự trên trang, với vùng (đầu trang, menu, chân trang …).",
        # by the rowid range the page's row records (auditor/store/pages.py): links has no
        # index on page_id, and Datasette's own "links by page_id" would read the whole table
        "sql": """select l.url, l.text, l.region, l.hidden, l.rel from pages p join links l
on l.rowid between p.link_first and p.link_last and l.page_id = p.id
where p.id = :page order by l.rowid""",
    },
    "mot_quy_tac_toan_tinh": {
        "title": "Mọi phát hiện của một quy tắc trên toàn tỉnh",
        "description": "Ví dụ ADS-003 (cờ bạc), SEC-003 (lịch công tác), FTR-002 (chân trang).",
        "sql": f"""select site, site_name, severity, message, url, count from findings_view
where audit_id = {LATEST} and rule = :rule order by site""",
    },
}

TABLES = {
    "audits": ("Các lần kiểm tra", "Mỗi lần chạy `auditor audit`: thời gian, bộ quy tắc, trạng thái.", []),
    "sites": ("Website được kiểm tra", "Một dòng cho mỗi website trong mỗi lần kiểm tra, với trạng "
              "thái thu thập (ok, partial, unreachable, blocked) và lý do.",
              ["audit_id", "level", "crawl_status", "parent"]),
    "pages": ("Trang đã thu thập", "Các trang đã tải, mã trạng thái HTTP và dữ kiện trích xuất.",
              ["status", "content_type"]),
    "findings": ("Phát hiện", "Vi phạm tìm thấy, với căn cứ pháp lý và bằng chứng.",
                 ["rule", "severity", "site_id"]),
    "findings_view": ("Phát hiện (theo website và nhóm)", "Phát hiện kèm mã website và nhóm quy tắc "
                      "(SEC, FTR, FRS, MED, ADS, TEC, ACC).", ["rule", "severity", "site", "family"]),
    "links": ("Liên kết", "Liên kết trên các trang, với vùng (đầu trang, menu, chân trang …) và "
              "việc bị ẩn hay không.", ["region", "hidden"]),
    "media": ("Ảnh và nội dung nhúng", "Ảnh, video, iframe trên các trang.", ["kind", "region"]),
    "attachments": ("Tệp đính kèm", "Tệp đính kèm đã kiểm tra bằng HEAD.", ["status"]),
}


def metadata(database: str) -> dict:
    queries = {name: dict(query) for name, query in QUERIES.items()}
    queries["xep_hang_website"]["sql"] = _score_sql()
    return {
        "title": "Kho kết quả kiểm tra website cơ quan nhà nước",
        "description": "Kết quả các lần kiểm tra của vngov-auditor (chỉ đọc).",
        "databases": {database: {
            "tables": {name: {"title": title, "description": text, "facets": facets}
                       for name, (title, text, facets) in TABLES.items()},
            "queries": queries,
        }},
    }
