"""The words of the reports, in Vietnamese (the default) and English.

Templates read them as ``t.key``; the model uses ``word(key, lang)`` for sentences it composes.
Vietnamese terms follow the department's review (seeds/003): "Kết quả kiểm tra", "Ưu điểm",
"Tồn tại, hạn chế", "Kiến nghị".
"""

from __future__ import annotations

import re

from types import SimpleNamespace

from auditor.spiders.outcomes import Reason, failing_label, load_all, record_text

LANGS = ("vi", "en")

LABELS: dict[str, tuple[str, str]] = {
    # Document
    "motto_state": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "site_report_title": ("BÁO CÁO KẾT QUẢ KIỂM TRA", "INSPECTION REPORT"),
    "site_report_subject": ("Trang thông tin điện tử", "Website of"),
    "overview_title": ("BÁO CÁO TỔNG HỢP KẾT QUẢ KIỂM TRA", "SUMMARY INSPECTION REPORT"),
    "overview_subject": ("Các trang thông tin điện tử trong danh sách kiểm tra",
                         "The websites of the inspection registry"),
    "inspector_fallback": ("Đoàn kiểm tra", "The inspection team"),
    "automated_note": (
        "Báo cáo được lập từ kết quả kiểm tra tự động bằng công cụ vngov-auditor; các phát hiện "
        "kèm bằng chứng (trang, đoạn trích) để cán bộ kiểm tra đối chiếu trước khi ban hành.",
        "This report was compiled from an automated audit by vngov-auditor; every finding carries "
        "its evidence (page, snippet) for the inspector to verify before issuing it."),
    "back_to_overview": ("Về báo cáo tổng hợp", "Back to the summary report"),
    "contents": ("Mục lục", "Contents"),
    # Sections of a site report
    "sec_general": ("Thông tin chung", "General information"),
    "sec_conclusion": ("Kết luận", "Conclusion"),
    "sec_history": ("Thay đổi so với lần kiểm tra trước", "Changes since the previous audit"),
    "sec_results": ("Kết quả kiểm tra", "Inspection results"),
    "sec_strengths": ("Ưu điểm", "Strengths"),
    "sec_issues": ("Tồn tại, hạn chế", "Shortcomings"),
    "sec_requests": ("Kiến nghị", "Requests"),
    "sec_appendix": ("Phụ lục: Danh sách phát hiện theo trang", "Appendix: findings by page"),
    "sec_method": ("Phụ lục: Cách tính điểm và kết luận", "Appendix: how the score and verdict are computed"),
    # General information
    "inspector": ("Cơ quan kiểm tra", "Inspecting body"),
    "audit_name": ("Đợt kiểm tra", "Audit"),
    "unit": ("Đơn vị được kiểm tra", "Inspected unit"),
    "site_url": ("Địa chỉ trang", "Site address"),
    "public_domain": ("Tên miền công bố", "Public domain"),
    "level": ("Cấp", "Level"),
    "parent": ("Đơn vị cấp trên", "Parent unit"),
    "registry_status": ("Tình trạng đơn vị", "Unit status"),
    "audit_date": ("Thời gian kiểm tra", "Audit date"),
    "pack": ("Bộ tiêu chí", "Rule pack"),
    "regime": ("Căn cứ pháp lý", "Legal basis"),
    "scope": ("Phạm vi kiểm tra", "Scope"),
    "crawl_status": ("Tình trạng truy cập", "Crawl status"),
    "pages_checked": ("{n} trang đã kiểm tra", "{n} pages inspected"),
    "audit_id": ("Mã đợt kiểm tra", "Audit id"),
    # Conclusion
    "verdict": ("Kết luận", "Verdict"),
    "score": ("Điểm", "Score"),
    "score_of": ("{score}/100", "{score}/100"),
    "score_unknown": ("không xác định", "not determined"),
    "score_short": (
        "Điểm = 100 trừ {error} điểm cho mỗi tiêu chí mức Lỗi không đạt, {warning} điểm cho mỗi "
        "tiêu chí mức Cảnh báo, {info} điểm cho mỗi tiêu chí mức Lưu ý (tối thiểu 0). Mỗi tiêu "
        "chí chỉ bị trừ một lần, dù vi phạm lặp lại trên nhiều trang.",
        "Score = 100 minus {error} points per failed error-level criterion, {warning} per "
        "warning-level criterion, {info} per info-level criterion (never below 0). A criterion "
        "costs points once, however many pages repeat the violation."),
    "criteria_failed": ("Tiêu chí không đạt", "Failed criteria"),
    "criteria_passed": ("Tiêu chí đạt", "Passed criteria"),
    "criteria_unknown": ("Tiêu chí không xác định", "Criteria not determined"),
    "partial_note": (
        "Trang chỉ được kiểm tra một phần ({reason}); các tiêu chí \u201cđạt\u201d có giá trị "
        "trong phạm vi các trang đã kiểm tra.",
        "The site was inspected in part ({reason}); \u201cpass\u201d holds for the pages inspected."),
    "unassessed_note": (
        "Không kiểm tra được nội dung trang ({reason}): các tiêu chí về nội dung được ghi là "
        "\u201ckhông xác định\u201d, không phải \u201cđạt\u201d.",
        "The site's content could not be inspected ({reason}): its content criteria are recorded as "
        "\u201cnot determined\u201d, not as \u201cpass\u201d."),
    # History
    "previous_audit": ("Lần kiểm tra trước", "Previous audit"),
    "no_previous": ("Chưa có lần kiểm tra trước đối với trang này.",
                    "No earlier inspection of this site."),
    "not_comparable": ("Không so sánh được: lần này không kiểm tra được nội dung trang.",
                       "Not comparable: the site's content could not be inspected this time."),
    "new": ("Mới phát sinh", "New"),
    "fixed": ("Đã khắc phục", "Fixed"),
    "still_open": ("Chưa khắc phục", "Still open"),
    "history_caveat": (
        "So khớp theo mã nhận dạng của từng phát hiện (quy tắc, trang, bằng chứng). Một phát hiện "
        "\u201cđã khắc phục\u201d nếu không còn xuất hiện ở lần kiểm tra này.",
        "Matched by each finding's fingerprint (rule, page, evidence). A finding is \u201cfixed\u201d "
        "when it no longer appears in this audit."),
    "score_change": ("Điểm lần trước", "Previous score"),
    "browser_not_run": (
        "Các tiêu chí kiểm tra trong trình duyệt (axe-core: độ tương phản, tên của liên kết và nút "
        "bấm, nhãn biểu mẫu, ngôn ngữ, mã trang) chưa được kiểm tra ({reason}): được ghi là "
        "\u201ckhông xác định\u201d, không phải \u201cđạt\u201d.",
        "The criteria checked in the browser (axe-core: contrast, names of links and buttons, form "
        "labels, language, markup) were not checked ({reason}): they are recorded as \u201cnot "
        "determined\u201d, not as passed."),
    "level_not_covered": (
        "Các văn bản của bộ tiêu chí {pack} không điều chỉnh trang {level}: chỉ đánh giá các tiêu "
        "chí theo các luật áp dụng chung (tiếp cận thông tin, quảng cáo, sở hữu trí tuệ, báo chí) "
        "và tiêu chí kỹ thuật.",
        "The texts of the pack {pack} do not govern {level} sites: only the criteria of the laws that "
        "always apply (access to information, advertising, intellectual property, press) and the "
        "technical criteria are judged."),
    "unit_abolished": (
        "Đơn vị {status} theo danh sách kiểm tra: các tiêu chí chỉ áp dụng cho đơn vị đang hoạt động "
        "(chuyên mục, cập nhật thông tin …) không được đánh giá; trang cần được đóng, chuyển hướng "
        "hoặc có thông báo.",
        "The unit is {status} per the registry: criteria for active units only (sections, updates …) "
        "are not judged; the site should be closed, redirected or carry a notice."),
    # Results table
    "criterion": ("Tiêu chí", "Criterion"),
    "rule": ("Mã", "Rule"),
    "severity": ("Mức độ", "Severity"),
    "result": ("Kết quả", "Result"),
    "basis": ("Căn cứ", "Basis"),
    "findings_n": ("Phát hiện", "Findings"),
    # Issues
    "no_issues": ("Không phát hiện tồn tại, hạn chế trong phạm vi kiểm tra.",
                  "No shortcomings were found in the scope inspected."),
    "no_strengths": ("Chưa ghi nhận ưu điểm nổi bật trong phạm vi kiểm tra.",
                     "No particular strength was recorded in the scope inspected."),
    "page": ("Trang", "Page"),
    "captured": ("lưu lúc {time}, SHA-256 {digest}", "captured at {time}, SHA-256 {digest}"),
    "archived_copy": ("bản lưu", "archived copy"),
    "archive_pruned": ("bản lưu đã được dọn (archive pruned) ngày {date}; mã băm vẫn được giữ",
                       "archive pruned on {date}; the digest is kept"),
    "archive_missing": ("không đọc được bản lưu: tệp {file} bị thiếu hoặc hỏng",
                        "no archived copy: {file} is missing or unreadable"),
    "archive_altered": ("bản lưu trong {file} đã bị thay đổi: mã băm không khớp",
                        "the archived copy in {file} was altered: its digest differs"),
    "whole_site": ("Toàn trang (không gắn với một trang cụ thể)", "Whole site (no single page)"),
    "evidence": ("Bằng chứng", "Evidence"),
    "occurrences": ("Xuất hiện trên {n} trang.", "Seen on {n} pages."),
    "occurrences_samples": ("Xuất hiện trên {n} trang, ví dụ:", "Seen on {n} pages, for example:"),
    "extent": ("Phạm vi", "Extent"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "message": ("Nội dung", "Description"),
    "count": ("Trên số trang", "On pages"),
    "waived": ("Đã miễn trừ", "Waived"),
    "waived_note": ("Các phát hiện sau đã được miễn trừ và không tính vào kết luận:",
                    "These findings were waived and do not count towards the verdict:"),
    # Requests
    "requests_intro": ("{inspector} đề nghị {unit}:", "{inspector} requests {unit} to:"),
    "requests_none": ("Tiếp tục duy trì, cập nhật thông tin thường xuyên theo quy định.",
                      "Keep the site up to date as the law requires."),
    "request_report_back": (
        "Sau khi khắc phục, báo cáo kết quả về {inspector} để theo dõi, kiểm tra lại.",
        "Report the corrections to {inspector} for a follow-up audit."),
    "request_fix_unknown": ("Khắc phục: {title}.", "Correct: {title}."),
    "request_children": (
        "Hướng dẫn, chỉ đạo {children_kind} trực thuộc chấn chỉnh trang thông tin điện tử của địa "
        "phương{focus}; trong đợt kiểm tra này: {children}.",
        "Direct its subordinate {children_kind} to correct their websites{focus}; in this audit: "
        "{children}."),
    "children_focus": (", nhất là về {families}", ", above all on {families}"),
    "children_failed": ("{n} tiêu chí không đạt", "{n} failed criteria"),
    "children_kind_huyen": ("các xã, thị trấn", "communes and towns"),
    "children_kind_tinh": ("các xã, phường, đặc khu", "communes, wards and special zones"),
    "children_kind_other": ("các đơn vị", "units"),
    "affected_pages": ("{n} trang", "{n} pages"),
    "affected_pages_min": ("ít nhất {n} trang", "at least {n} pages"),
    # Signature
    "recipients": ("Nơi nhận", "Recipients"),
    "archive": ("Lưu: VT", "File copy"),
    "signer": ("TRƯỞNG ĐOÀN KIỂM TRA", "HEAD OF THE INSPECTION TEAM"),
    "signer_hint": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    # Overview
    "ov_summary": ("Tổng quan", "Summary"),
    "ov_ranking": ("Xếp hạng các trang", "Ranking of the sites"),
    "ov_charts": ("Biểu đồ", "Charts"),
    "ov_history": ("Thay đổi so với lần kiểm tra trước", "Changes since the previous audit"),
    "ov_sites": ("Trang TTĐT được kiểm tra", "Websites audited"),
    "ov_assessed": ("Kiểm tra được nội dung", "Content inspected"),
    "ov_unassessed": ("Không kiểm tra được", "Not inspected"),
    "ov_total_findings": ("Tổng số phát hiện", "Findings in total"),
    "ov_mean_score": ("Điểm trung bình", "Mean score"),
    "rank": ("Hạng", "Rank"),
    "unit_short": ("Đơn vị", "Unit"),
    "pages": ("Số trang đã quét", "Pages crawled"),
    "families": ("Theo nhóm tiêu chí", "By family"),
    "rollup_unit": ("Đơn vị cấp trên", "Parent unit"),
    "rollup_sites": ("Số trang TTĐT", "Websites"),
    "chart_scores": ("Điểm của từng trang", "Score of each site"),
    "chart_families": ("Số phát hiện theo nhóm tiêu chí và mức độ", "Findings by family and severity"),
    "chart_no_data": ("Chưa có phát hiện nào.", "No findings."),
    "open_report": ("Xem báo cáo", "Open report"),
    "legend": ("Chú giải", "Legend"),
    "family_codes": ("Mã nhóm", "Family codes"),
    # The overview at the scale of the country: units, trends, the most common findings
    "ov_units": ("Tổng hợp theo đơn vị cấp trên", "By parent unit"),
    "ov_trend": ("Diễn biến qua các lần kiểm tra", "Trend across audits"),
    "ov_common": ("Các tồn tại phổ biến nhất", "Most common findings"),
    "no_unit": ("Không trực thuộc đơn vị nào", "No parent unit"),
    "unit_subject": ("Các trang thông tin điện tử thuộc {unit}", "Websites under {unit}"),
    "units_note": ("Mỗi trang thông tin điện tử được tính trong đơn vị cấp trên trực tiếp của nó; trang của "
                   "chính đơn vị cấp trên được tính trong đơn vị đó. Bấm tên đơn vị để xem báo cáo tổng hợp "
                   "các trang của đơn vị.",
                   "Each website counts in its direct parent unit; the parent's own website counts in its "
                   "unit. Follow a unit's name for the summary report of its sites."),
    "sites_elsewhere": ("Danh sách {n} trang thông tin điện tử, xếp hạng và thay đổi của từng trang có trong báo "
                        "cáo của từng đơn vị (mục {section}).",
                        "The {n} websites, their ranking and their changes are listed in each unit's report "
                        "(section {section})."),
    "col_reached": ("Truy cập được", "Reached"),
    "col_unreached": ("Không truy cập được", "Not reached"),
    "col_median": ("Điểm trung vị", "Median score"),
    "col_change": ("Thay đổi điểm TB", "Mean score change"),
    "col_new_fixed": ("Mới / đã khắc phục", "New / fixed"),
    "col_sites_failing": ("Số trang TTĐT", "Sites"),
    "col_pages_failing": ("Số trang (URL) có phát hiện", "Pages"),
    "col_share": ("Tỷ lệ trang TTĐT", "Share of sites"),
    "common_note": ("Mỗi dòng là một tiêu chí không đạt ở ít nhất một trang thông tin điện tử; bấm mã tiêu chí "
                    "để xem danh sách các trang. Tỷ lệ tính trên {n} trang thông tin điện tử của báo cáo này.",
                    "Each row is a criterion failed by at least one website; follow its code for the list of "
                    "the sites. Shares are of the {n} websites of this report."),
    "rule_page_title": ("DANH SÁCH TRANG THÔNG TIN ĐIỆN TỬ KHÔNG ĐẠT TIÊU CHÍ", "WEBSITES FAILING A CRITERION"),
    "rule_findings": ("Số phát hiện", "Findings"),
    "hist_sites": ("trang", "sites"),
    "chart_histogram": ("Số trang theo khoảng điểm", "Sites by score band"),
    "chart_units": ("Kết luận theo đơn vị cấp trên", "Verdicts by parent unit"),
    "chart_trend": ("Điểm trung bình và tỷ lệ trang đạt hoặc cơ bản đạt (%) qua các lần kiểm tra",
                    "Mean score and share of sites compliant or largely compliant (%) per audit"),
    "trend_mean": ("Điểm trung bình", "Mean score"),
    "trend_passing": ("Trang đạt hoặc cơ bản đạt (%)", "Sites compliant or largely compliant (%)"),
    "trend_audit": ("Lần kiểm tra", "Audit"),
    "trend_sites": ("Số trang", "Sites"),
    "trend_note": ("Các lần kiểm tra cùng tệp danh sách lưu trong cơ sở dữ liệu; mỗi lần tính trên các "
                   "trang của báo cáo này có trong danh sách lần đó.",
                   "The audits of the same registry file kept in the store; each counts the sites of this "
                   "report that its registry listed."),
    "mean_short": ("TB", "mean"),
}

SEVERITY = {
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "info": ("Lưu ý", "Info"),
}

STATUS = {  # a criterion's result
    "pass": ("Đạt", "Pass"),
    "fail": ("Không đạt", "Fail"),
    "unknown": ("Không xác định", "Not determined"),
}

VERDICT = {
    "compliant": ("Đạt", "Compliant"),
    "largely": ("Cơ bản đạt", "Largely compliant"),
    "noncompliant": ("Không đạt", "Non-compliant"),
    "unassessed": ("Không kiểm tra được", "Not inspected"),
}

LEVEL = {
    "tinh": ("Cấp tỉnh", "Province"),
    "huyen": ("Cấp huyện", "District"),
    "xa": ("Cấp xã", "Commune"),
}

REGISTRY_STATUS = {
    "active": ("Đang hoạt động", "Active"),
    "merged": ("Đã sáp nhập", "Merged"),
    "abolished": ("Đã giải thể (theo danh sách)", "Abolished (per the registry)"),
}

CRAWL_STATUS = {
    "ok": ("Bình thường", "Crawled"),
    "partial": ("Một phần", "Partly crawled"),
    "unreachable": ("Không truy cập được", "Unreachable"),
    "blocked": ("Chặn công cụ kiểm tra", "Blocked"),
    "pending": ("Chưa kiểm tra", "Not crawled"),
}

# The crawl's reasons (codes with parameters, spiders/outcomes.py) in the report's languages.
# A phrase names its parameters ({host}); {reason} is a nested reason, {failing} what failed
# page after page.
REASONS: dict[str, tuple[str, str]] = {
    "dns": ("không phân giải được tên miền {host}", "the host name {host} does not resolve"),
    "private-address": (
        "tên miền {host} trỏ tới địa chỉ nội bộ {address}: không truy cập, để bảo vệ mạng của đơn vị kiểm tra",
        "{host} resolves to the private address {address}: not accessed, to protect the inspector's network"),
    "refused": ("không có máy chủ trả lời tại {netloc}", "nothing answers on {netloc}"),
    "refused-unplaced": ("máy chủ từ chối kết nối", "the connection was refused"),
    "timeout": ("máy chủ không phản hồi trong {seconds} giây", "no answer within {seconds} s"),
    "timeout-untimed": ("máy chủ không phản hồi kịp thời", "no answer in time"),
    "tls": ("lỗi kết nối bảo mật (TLS)", "the secure connection failed"),
    "tls-no-tls": ("lỗi kết nối bảo mật (TLS): cổng này không dùng HTTPS",
                   "the secure connection failed: the port does not speak TLS"),
    "incomplete": ("kết nối bị ngắt trước khi tải xong trang",
                   "the connection closed before the page was complete"),
    "reset": ("kết nối bị máy chủ cắt ngang (reset)", "the connection was reset"),
    "closed": ("máy chủ đóng kết nối mà không trả lời", "the server closed the connection without answering"),
    "bomb": ("trang giải nén vượt quá giới hạn dung lượng (bom nén)",
             "the page decompresses past the size cap (a compression bomb)"),
    "cancelled": ("tải trang bị hủy (vượt giới hạn dung lượng)", "the download was cancelled (larger than the size cap)"),
    "connect-error": ("kết nối thất bại ({error})", "the connection failed ({error})"),
    "error": ("lỗi ({error})", "error ({error})"),
    "redirect": ("chuyển hướng bị dừng: {text}", "redirect stopped: {text}"),
    "rate-limited": ("máy chủ yêu cầu giảm tần suất truy cập (HTTP 429)", "rate-limited (HTTP 429)"),
    "rate-limited-wait": (
        "máy chủ yêu cầu giảm tần suất truy cập (HTTP 429) và chờ {retry_after} giây, quá thời gian chờ cho phép",
        "rate-limited (HTTP 429), asked to wait {retry_after} s, longer than the audit waits"),
    "server-error": ("trang chủ trả về mã HTTP {status} (lỗi máy chủ)", "HTTP {status} on the home page (server error)"),
    "access-denied": ("trang chủ trả về mã HTTP {status} (từ chối truy cập)",
                      "HTTP {status} on the home page (access denied)"),
    "home-http": ("trang chủ trả về mã HTTP {status}", "HTTP {status} on the home page"),
    "failures-in-a-row": ("{count} trang liên tiếp bị lỗi ({failing}): dừng kiểm tra trang này",
                          "{count} pages in a row failed ({failing})"),
    "byte-budget": ("đạt giới hạn dung lượng tải về", "byte budget reached"),
    "audit-time-limit": ("hết thời gian của đợt kiểm tra (--max-time)",
                         "the audit's time limit (--max-time) was reached"),
    "audit-interrupted": ("đợt kiểm tra bị dừng giữa chừng", "the audit was interrupted"),
    "audit-stopped": ("đợt kiểm tra dừng ({why})", "the audit stopped ({why})"),
    "before-home-time": ("hết thời gian trước khi trang chủ phản hồi",
                         "time limit reached before the home page answered"),
    "before-home": ("dừng trước khi trang chủ phản hồi ({reason})", "stopped before the home page answered ({reason})"),
    "home-empty": ("trang chủ không có nội dung", "the home page is empty"),
    "home-page": ("trang chủ: {reason}", "the home page: {reason}"),
    "robots-disallows": ("tệp robots.txt chặn toàn bộ trang", "robots.txt disallows the site"),
    "home-off-site": ("trang chủ chuyển hướng ra ngoài trang tới {target}", "the home page redirects off the site to {target}"),
    "home-never-fetched": ("không tải được trang chủ", "the home page was never fetched"),
    "no-answer": ("không có phản hồi", "no answer"),
    "page-budget": ("đạt giới hạn số trang", "page budget reached"),
    "depth-limit": ("đạt giới hạn độ sâu liên kết", "depth limit reached"),
    "time-limit": ("hết thời gian kiểm tra", "time limit reached"),
    "attachment-budget": ("đạt giới hạn số tệp đính kèm", "attachment budget reached"),
    "trap-urls": ("bỏ qua {count} địa chỉ lặp vô hạn", "{count} trap URLs skipped"),
    "job-failed": ("phần việc kiểm tra website này thất bại {attempts} lần ({error})",
                   "the audit's job failed {attempts} times ({error})"),
    "not-crawled": ("chưa được kiểm tra", "not crawled"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[LANGS.index(lang)]


def word(key: str, lang: str, **values) -> str:
    text = pick(LABELS[key], lang)
    return text.format(**values) if values else text


def labels(lang: str) -> SimpleNamespace:
    """Every label in one language, for the templates (``t.sec_results``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; use one of {', '.join(LANGS)}")
    return SimpleNamespace(**{key: pick(pair, lang) for key, pair in LABELS.items()})


# The browser pass's notes (auditor/browser/chromium.py, auditor/crawl/a11y.py): why a site's
# browser criteria are "không xác định". Not crawl outcomes: tool states, worded once in English
# where they arise and put into the report's language here.
BROWSER_NOTES: tuple[tuple[str, tuple[str, str]], ...] = (
    (r"^(\S+) is not installed \(pip install (.+)\)$",
     ("chưa cài đặt {0} (pip install {1})", "{0} is not installed (pip install {1})")),
    (r"^Chromium was not found",
     ("không tìm thấy trình duyệt Chromium", "Chromium was not found")),
    (r"^the browser checks are switched off",
     ("kiểm tra trong trình duyệt đã được tắt (--a11y-pages 0)",
      "the browser checks are switched off (--a11y-pages 0)")),
    (r"^the audit was made without the browser checks",
     ("cuộc kiểm tra được thực hiện không có kiểm tra trong trình duyệt",
      "the audit was made without the browser checks")),
    (r"^the browser (?:did not start|pass failed)",
     ("trình duyệt gặp lỗi khi kiểm tra", "the browser failed")),
    (r"^(\d+) pages could not be rendered",
     ("{0} trang không hiển thị được trong trình duyệt", "{0} pages could not be rendered")),
    (r"^no page of the site was rendered",
     ("chưa có trang nào được hiển thị trong trình duyệt", "no page of the site was rendered")),
    (r"^crawl ended: (\S+)",
     ("cuộc kiểm tra dừng trước khi kết thúc ({0})", "the crawl ended early ({0})")),
)


def browser_note(text: str, lang: str) -> str:
    for pattern, pair in BROWSER_NOTES:
        found = re.match(pattern, text)
        if found:
            return pick(pair, lang).format(*found.groups())
    return text


def reason_text(stored: str, lang: str) -> str:
    """A site's stored reasons (sites.reason) in the report's language."""
    texts = (reason_phrase(reason, lang) for reason in load_all(stored))
    return "; ".join(text for text in dict.fromkeys(texts) if text)


def reason_phrase(reason: Reason, lang: str) -> str:
    """One reason in the report's language; a code without a phrase (and the words of a store
    written before codes) in the wording of record."""
    params = dict(reason.params)
    key = reason.code
    if key == "timeout" and not params.get("seconds"):
        key = "timeout-untimed"
    elif key == "refused" and not params.get("netloc"):
        key = "refused-unplaced"
    elif key == "tls" and params.get("problem") == "no-tls":
        key = "tls-no-tls"
    elif key == "rate-limited" and params.get("retry_after"):
        key = "rate-limited-wait"
    elif key == "before-home" and (reason.inner or Reason("")).code == "time-limit":
        key = "before-home-time"
    elif key == "redirect":
        params["text"] = record_text(reason)
    if reason.inner is not None:
        params["reason"] = reason_phrase(reason.inner, lang)
    if key == "failures-in-a-row":
        params["failing"] = failing_label(params)
    for name, value in params.items():
        if isinstance(value, float):
            params[name] = f"{value:g}"
    phrase = REASONS.get(key)
    try:
        return pick(phrase, lang).format(**params) if phrase else record_text(reason)
    except (KeyError, IndexError):  # a parameter missing: the wording of record says it all
        return record_text(reason)
