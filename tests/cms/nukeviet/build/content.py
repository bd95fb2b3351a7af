"""The corpus's content, written into the tables a NukeViet 4.5 administrator's forms write.

    python content.py | mariadb --socket=SOCKET nv      # after the install and the system settings

Prints SQL (no database driver needed). Everything here was written for the corpus (2026-12-03);
people, numbers and the gambling domains are invented, and the planted violations are described in
../SOURCE.md and ../expected.toml: stale schedule items, a placeholder date 31/12/9999, an empty
"Tiếp cận thông tin" page, hot-linked press photos, a repost "Theo Báo Tuổi Trẻ" without author,
a visible gambling block, hidden and off-screen gambling links in the footer block, an unlabelled
banner, a footer without phone and with a gmail address, two broken PDF links.
Times are Vietnam's (the site's time zone); NukeViet stores Unix timestamps.
"""

import datetime
import sys
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class SqlScript:
    """Collects statements with %s parameters as SQL text, quoted as MariaDB reads string literals."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    @staticmethod
    def literal(value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, int):
            return str(value)
        escaped = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\0", "\\0")
        return f"'{escaped}'"

    def execute(self, template: str, parameters=()) -> None:
        pieces = template.split("%s")
        assert len(pieces) == len(parameters) + 1, template
        text = pieces[0] + "".join(self.literal(p) + piece for p, piece in zip(parameters, pieces[1:]))
        self.statements.append(text + ";")


c = SqlScript()
c.execute("SET NAMES utf8mb4")


def ts(s):  # "2026-11-28 08:30" in Vietnam -> Unix time
    return int(datetime.datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=TZ).timestamp())


def ser(d):  # PHP's serialize() for the flat dicts of str/int/list that block configs hold
    def v(x):
        if isinstance(x, int): return f"i:{x};"
        if isinstance(x, list): return f"a:{len(x)}:{{" + "".join(f"i:{i};{v(y)}" for i, y in enumerate(x)) + "}"
        b = x.encode(); return f's:{len(b)}:"{x}";'
    return f"a:{len(d)}:{{" + "".join(f"{v(k)}{v(val)}" for k, val in d.items()) + "}"


# --- site settings
for k, val in {"site_name": "UBND xã Tân Thành", "site_description": "Trang thông tin điện tử xã Tân Thành, tỉnh Quảng Trị",
               "site_timezone": "Asia/Ho_Chi_Minh"}.items():
    c.execute("UPDATE nv4_config SET config_value=%s WHERE config_name=%s AND module='global'", (val, k))

# --- news categories
cats = {1: ("Tin tức - Sự kiện", "tin-tuc"), 5: ("Lịch công tác", "lich-cong-tac"), 7: ("Chỉ đạo điều hành", "chi-dao-dieu-hanh"),
        6: ("Phổ biến giáo dục pháp luật", "pho-bien-phap-luat"), 2: ("Quy hoạch - Kế hoạch", "quy-hoach-ke-hoach"),
        3: ("Dự án - Đấu thầu", "du-an-dau-thau"), 4: ("Tiếp cận thông tin", "tiep-can-thong-tin")}
for w, (catid, (title, alias)) in enumerate(cats.items(), 1):
    c.execute("UPDATE nv4_vi_news_cat SET title=%s, alias=%s, parentid=0, lev=0, numsubcat=0, subcatid='', weight=%s, sort=%s, viewcat='viewcat_page_new' WHERE catid=%s",
              (title, alias, w, w, catid))

# --- sources
c.execute("DELETE FROM nv4_vi_news_sources")
for sid, (t, l) in {1: ("Đài Truyền thanh xã Tân Thành", ""), 2: ("Công an xã Tân Thành", ""), 3: ("Báo Quảng Trị", "https://baoquangtri.vn")}.items():
    c.execute("INSERT INTO nv4_vi_news_sources (sourceid,title,link,logo,weight,add_time,edit_time) VALUES (%s,%s,%s,'',%s,%s,%s)", (sid, t, l, sid, ts("2026-01-05 08:00"), ts("2026-01-05 08:00")))

# --- articles
c.execute("DELETE FROM nv4_vi_news_rows"); c.execute("DELETE FROM nv4_vi_news_detail")
for cid in range(1, 8): c.execute(f"DELETE FROM nv4_vi_news_{cid}")
c.execute("DELETE FROM nv4_vi_news_tags_id"); c.execute("DELETE FROM nv4_vi_news_block")
A = []
def art(cat, when, title, alias, hometext, body, author="", sourceid=0, sourcetext="", img="", imgalt="", extra_cats=()):
    A.append(dict(cat=cat, when=when, title=title, alias=alias, hometext=hometext, body=body, author=author, sourceid=sourceid,
                  sourcetext=sourcetext, img=img, imgalt=imgalt, extra=extra_cats))

art(1, "2026-11-30 15:20", "Xã Tân Thành ra quân tổng vệ sinh môi trường hưởng ứng ngày Chủ nhật xanh", "xa-tan-thanh-ra-quan-tong-ve-sinh-moi-truong",
    "Sáng ngày 30/11/2026, UBND xã Tân Thành tổ chức ra quân tổng vệ sinh môi trường tại 8 thôn trên địa bàn xã.",
    "<p>Sáng ngày 30/11/2026, UBND xã Tân Thành phối hợp với Ủy ban MTTQ Việt Nam xã tổ chức ra quân tổng vệ sinh môi trường hưởng ứng phong trào Ngày Chủ nhật xanh.</p><p>Hơn 600 đoàn viên, hội viên và nhân dân tại 8 thôn đã tham gia phát quang bụi rậm, thu gom rác thải dọc các tuyến đường liên thôn, kênh mương nội đồng.</p><p><img alt=\"Đoàn viên thanh niên thu gom rác thải tại thôn 3\" src=\"/uploads/news/2026_11/ra-quan-ve-sinh.jpg\" /></p><p>Phát biểu tại buổi ra quân, đồng chí Chủ tịch UBND xã đề nghị các thôn duy trì hoạt động vệ sinh môi trường vào sáng Chủ nhật hằng tuần.</p>",
    author="Lê Thị Hoa", sourceid=1, img="2026_11/ra-quan-ve-sinh.jpg", imgalt="Ra quân vệ sinh môi trường")
art(1, "2026-11-26 09:10", "Công an xã triệt phá đường dây đánh bạc, cá độ bóng đá qua mạng", "cong-an-xa-triet-pha-duong-day-danh-bac-ca-do-qua-mang",
    "Công an xã Tân Thành vừa phối hợp với Công an tỉnh triệt phá đường dây đánh bạc, cá độ bóng đá qua mạng với số tiền giao dịch hơn 2 tỷ đồng.",
    "<p>Ngày 25/11/2026, Công an xã Tân Thành phối hợp với Phòng Cảnh sát hình sự Công an tỉnh Quảng Trị bắt quả tang 5 đối tượng đang tổ chức đánh bạc, cá độ bóng đá qua mạng tại một quán cà phê ở thôn 5.</p><p>Qua đấu tranh, các đối tượng khai nhận đã sử dụng các trang web nhà cái, cá cược trực tuyến nước ngoài để tổ chức cá độ, nổ hũ, tài xỉu với tổng số tiền giao dịch hơn 2 tỷ đồng.</p><p>Công an xã khuyến cáo người dân không truy cập các trang web cờ bạc, cá cược, không nhấp vào các đường link quảng cáo \"nhà cái uy tín\" lan truyền trên mạng xã hội.</p>",
    author="Trần Văn Dũng", sourceid=2)
art(1, "2026-11-20 14:00", "Điểm báo ngày 20/11/2026: Quảng Trị đẩy mạnh chuyển đổi số cấp xã", "diem-bao-ngay-20-11-2026",
    "Điểm báo: những tin đáng chú ý về chuyển đổi số, nông nghiệp và an sinh xã hội trên báo chí trong tuần.",
    "<p><strong>Điểm báo ngày 20/11/2026</strong></p><p>- Quảng Trị đẩy mạnh chuyển đổi số cấp xã, 100% hồ sơ thủ tục hành chính được số hóa (<a href=\"https://baoquangtri.vn/chuyen-doi-so-cap-xa-post98765.html\">baoquangtri.vn</a>).</p><p>- Nông dân Triệu Phong trúng mùa lúa đông xuân (<a href=\"https://vnexpress.net/nong-dan-trieu-phong-trung-mua-4801234.html\">vnexpress.net</a>).</p><p>- Hỗ trợ xây nhà cho hộ nghèo trước Tết Nguyên đán (<a href=\"https://tuoitre.vn/ho-tro-xay-nha-ho-ngheo-20261119.htm\">tuoitre.vn</a>).</p><p><img src=\"https://i1-vnexpress.vnecdn.net/2026/11/19/lua-dong-xuan-trieu-phong.jpg\" /></p>")
art(1, "2026-11-15 10:30", "Mùa lúa bội thu, nông dân vùng trũng phấn khởi", "mua-lua-boi-thu-nong-dan-vung-trung-phan-khoi",
    "Vụ lúa hè thu năm nay, năng suất lúa vùng trũng đạt trên 60 tạ/ha, cao nhất trong 5 năm trở lại đây.",
    "<p><img src=\"https://cdn.tuoitre.vn/471584752817336320/2026/11/14/lua-vung-trung-quang-tri.jpg\" alt=\"Nông dân thu hoạch lúa\" /></p><p>Vụ lúa hè thu năm nay, năng suất lúa vùng trũng đạt trên 60 tạ/ha, cao nhất trong 5 năm trở lại đây. Nhiều hộ dân cho biết nhờ áp dụng giống mới và lịch thời vụ hợp lý nên lúa ít sâu bệnh.</p><p>Theo ông Nguyễn Văn Lợi, thôn 2, gia đình ông gieo cấy 1,5 ha, thu về gần 9 tấn lúa khô.</p><p><em>Theo Báo Tuổi Trẻ</em></p>")
art(1, "2026-11-05 16:45", "Hội nghị tổng kết công tác cải cách hành chính năm 2026", "hoi-nghi-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2026",
    "Chiều 05/11/2026, UBND xã Tân Thành tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2026.",
    "<p>Chiều 05/11/2026, UBND xã Tân Thành tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2026, triển khai nhiệm vụ năm 2027.</p><p>Năm 2026, Bộ phận Một cửa xã tiếp nhận 3.214 hồ sơ, giải quyết đúng hạn 99,6%. Kế hoạch chi tiết xem tại <a href=\"/uploads/news/ke-hoach-cchc-2027.pdf\">tệp đính kèm</a>.</p><p><img src=\"/uploads/news/2026_11/hoi-nghi-cchc.jpg\" /></p>",
    author="Văn phòng HĐND - UBND xã", sourceid=1)
art(1, "2026-10-22 08:00", "Tân Thành trao 45 suất quà cho hộ nghèo bị ảnh hưởng bởi lũ", "tan-thanh-trao-45-suat-qua-cho-ho-ngheo",
    "Ngày 21/10/2026, Ủy ban MTTQ xã Tân Thành trao 45 suất quà cho các hộ nghèo bị thiệt hại do mưa lũ.",
    "<p>Ngày 21/10/2026, Ủy ban MTTQ xã Tân Thành phối hợp với các nhà hảo tâm trao 45 suất quà, mỗi suất trị giá 1 triệu đồng, cho các hộ nghèo bị thiệt hại do đợt mưa lũ vừa qua.</p>",
    author="Hoàng Minh Tuấn", sourceid=1)
art(5, "2026-07-13 07:30", "Lịch công tác tuần 29 (từ ngày 14/7 đến 18/7/2026)", "lich-cong-tac-tuan-29-2026",
    "Lịch công tác tuần của Thường trực Đảng ủy, HĐND, UBND xã Tân Thành.",
    "<p><strong>LỊCH CÔNG TÁC TUẦN 29</strong> (Ngày cập nhật: 31/12/9999)</p><table border=\"1\"><tbody><tr><td>Thứ Hai 14/7</td><td>Sáng: Chủ tịch UBND xã họp giao ban. Chiều: Phó Chủ tịch làm việc tại thôn 4.</td></tr><tr><td>Thứ Ba 15/7</td><td>Sáng: Tiếp công dân định kỳ.</td></tr><tr><td>Thứ Tư 16/7</td><td>Cả ngày: Dự hội nghị tại tỉnh.</td></tr></tbody></table>")
art(5, "2026-07-06 07:30", "Lịch công tác tuần 28 (từ ngày 07/7 đến 11/7/2026)", "lich-cong-tac-tuan-28-2026",
    "Lịch công tác tuần của Thường trực Đảng ủy, HĐND, UBND xã Tân Thành.",
    "<p><strong>LỊCH CÔNG TÁC TUẦN 28</strong></p><table border=\"1\"><tbody><tr><td>Thứ Hai 07/7</td><td>Sáng: Giao ban UBND xã.</td></tr><tr><td>Thứ Năm 10/7</td><td>Sáng: Kiểm tra công tác phòng chống lụt bão tại thôn 1, thôn 2.</td></tr></tbody></table>")
art(7, "2026-11-28 10:00", "Thông báo lịch tiếp công dân tháng 12 năm 2026", "thong-bao-lich-tiep-cong-dan-thang-12-nam-2026",
    "UBND xã Tân Thành thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND xã trong tháng 12/2026.",
    "<p>Thực hiện Luật Tiếp công dân, UBND xã Tân Thành thông báo lịch tiếp công dân định kỳ tháng 12/2026 như sau:</p><p>- Chủ tịch UBND xã tiếp công dân vào sáng thứ Năm các ngày 03/12, 10/12, 17/12 và 24/12/2026 tại Trụ sở UBND xã.</p>",
    author="Văn phòng HĐND - UBND xã")
art(6, "2026-11-18 09:00", "Tuyên truyền Luật Phòng, chống ma túy sửa đổi năm 2025", "tuyen-truyen-luat-phong-chong-ma-tuy-sua-doi",
    "Một số điểm mới của Luật Phòng, chống ma túy sửa đổi có hiệu lực từ ngày 01/7/2026.",
    "<p>Luật Phòng, chống ma túy sửa đổi được Quốc hội thông qua, có hiệu lực từ ngày 01/7/2026. Toàn văn Luật được đăng trên <a href=\"https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=170001\">Cơ sở dữ liệu quốc gia về văn bản pháp luật</a> và tham khảo thêm tại <a href=\"https://thuvienphapluat.vn/van-ban/Van-hoa-Xa-hoi/Luat-Phong-chong-ma-tuy-sua-doi.aspx\">Thư viện Pháp luật</a>.</p><p>Người dân có thắc mắc liên hệ Công chức Tư pháp - Hộ tịch xã để được hướng dẫn.</p>",
    author="Nguyễn Thị Lan", sourcetext="Tư pháp xã Tân Thành")
art(2, "2026-10-15 14:00", "Công bố quy hoạch chung xây dựng xã Tân Thành đến năm 2035", "cong-bo-quy-hoach-chung-xay-dung-xa-tan-thanh-den-nam-2035",
    "UBND xã Tân Thành công bố công khai đồ án quy hoạch chung xây dựng xã đến năm 2035.",
    "<p>Ngày 15/10/2026, UBND xã Tân Thành tổ chức công bố công khai đồ án quy hoạch chung xây dựng xã Tân Thành đến năm 2035 đã được UBND tỉnh phê duyệt.</p><p>Hồ sơ quy hoạch được niêm yết tại Trụ sở UBND xã và nhà văn hóa các thôn.</p>",
    author="Địa chính - Xây dựng xã")
art(3, "2026-11-10 08:00", "Thông báo mời thầu gói thầu xây dựng đường giao thông thôn 3", "thong-bao-moi-thau-duong-giao-thong-thon-3",
    "UBND xã Tân Thành thông báo mời thầu gói thầu số 01: Xây lắp tuyến đường giao thông thôn 3.",
    "<p>Bên mời thầu: UBND xã Tân Thành. Gói thầu số 01: Xây lắp tuyến đường giao thông nông thôn thôn 3, chiều dài 1,2 km. Hình thức: đấu thầu rộng rãi qua Hệ thống mạng đấu thầu quốc gia.</p>",
    author="Ban Quản lý dự án xã")

for i, a in enumerate(A, 1):
    t = ts(a["when"]); cats_ = [a["cat"], *a["extra"]]
    listcat = ",".join(map(str, cats_))
    c.execute("""INSERT INTO nv4_vi_news_rows (id,catid,listcatid,topicid,admin_id,author,sourceid,addtime,edittime,status,weight,publtime,exptime,archive,
                 title,alias,hometext,homeimgfile,homeimgalt,homeimgthumb,inhome,allowed_comm,allowed_rating,external_link,hitstotal,hitscm,total_rating,click_rating,instant_active,instant_template,instant_creatauto)
                 VALUES (%s,%s,%s,0,1,%s,%s,%s,%s,1,%s,%s,0,2,%s,%s,%s,%s,%s,%s,1,'4',1,0,%s,0,0,0,0,'',0)""",
              (i, a["cat"], listcat, a["author"], a["sourceid"], t, t, t, t, a["title"], a["alias"], a["hometext"], a["img"], a["imgalt"], 1 if a["img"] else 0, 10 + i))
    for cid in cats_:
        c.execute(f"INSERT INTO nv4_vi_news_{cid} SELECT * FROM nv4_vi_news_rows WHERE id=%s", (i,))
    c.execute("""INSERT INTO nv4_vi_news_detail (id,titlesite,description,bodyhtml,voicedata,keywords,sourcetext,files,imgposition,layout_func,copyright,allowed_send,allowed_print,allowed_save)
                 VALUES (%s,'','',%s,NULL,'',%s,'',1,'',0,1,1,1)""", (i, a["body"], a["sourcetext"]))
c.execute("ALTER TABLE nv4_vi_news_rows AUTO_INCREMENT=100")

# --- about (Giới thiệu) pages
c.execute("DELETE FROM nv4_vi_about")
pages = [
 ("Giới thiệu chung về xã Tân Thành", "gioi-thieu-chung", "2026-02-10 08:00",
  "<p>Xã Tân Thành được thành lập trên cơ sở sắp xếp các xã Tân Hòa, Tân Lợi và Thành An theo Nghị quyết của Ủy ban Thường vụ Quốc hội năm 2025. Xã có diện tích tự nhiên 42,6 km², dân số 14.820 người, gồm 8 thôn.</p><p>Kinh tế chủ yếu là sản xuất nông nghiệp, trồng lúa, chăn nuôi và dịch vụ thương mại nhỏ.</p><p><img src=\"/uploads/about/ban-do-xa-tan-thanh.png\" /></p>"),
 ("Lãnh đạo xã", "lanh-dao-xa", "2026-03-02 08:00",
  "<table border=\"1\"><tbody><tr><td>Ông Phan Văn Hải</td><td>Bí thư Đảng ủy, Chủ tịch HĐND xã</td><td>0233 3861 101</td></tr><tr><td>Ông Lê Quang Vinh</td><td>Chủ tịch UBND xã</td><td>0233 3861 102</td></tr><tr><td>Bà Nguyễn Thị Mai</td><td>Phó Chủ tịch UBND xã</td><td>0233 3861 103</td></tr></tbody></table>"),
 ("Cơ cấu tổ chức", "co-cau-to-chuc", "2026-03-02 08:10",
  "<p>UBND xã Tân Thành gồm Chủ tịch, 02 Phó Chủ tịch và các công chức chuyên môn: Văn phòng - Thống kê, Tư pháp - Hộ tịch, Địa chính - Xây dựng, Tài chính - Kế toán, Văn hóa - Xã hội.</p>"),
 ("Danh bạ điện thoại", "danh-ba-dien-thoai", "2026-03-02 08:20",
  "<p>Văn phòng UBND xã: 0233 3861 100. Bộ phận Một cửa: 0233 3861 109. Email: ubndxatanthanh@gmail.com</p>"),
 ("Văn bản", "van-ban", "2026-11-25 15:00",
  "<table border=\"1\"><thead><tr><th>Số ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th></tr></thead><tbody><tr><td>215/QĐ-UBND</td><td>24/11/2026</td><td>Quyết định ban hành Quy chế làm việc của UBND xã nhiệm kỳ 2026-2031</td></tr><tr><td>198/KH-UBND</td><td>31/12/9999</td><td>Kế hoạch chuyển đổi số xã Tân Thành năm 2027</td></tr><tr><td>176/TB-UBND</td><td>02/10/2026</td><td>Thông báo kết luận của Chủ tịch UBND xã tại cuộc họp giao ban tháng 9</td></tr></tbody></table><p><a href=\"/uploads/van-ban/215-qd-ubnd.pdf\">Tải Quyết định 215/QĐ-UBND</a></p>"),
 ("Thủ tục hành chính", "thu-tuc-hanh-chinh", "2026-06-01 08:00",
  "<p>Tổ chức, công dân tra cứu và nộp hồ sơ trực tuyến tại <a href=\"https://dichvucong.gov.vn\">Cổng Dịch vụ công quốc gia</a> hoặc <a href=\"https://dichvucong.quangtri.gov.vn\">Hệ thống thông tin giải quyết TTHC tỉnh Quảng Trị</a>.</p><p>Bộ phận Một cửa xã làm việc từ thứ Hai đến thứ Sáu và sáng thứ Bảy.</p>"),
 ("Tiếp cận thông tin", "tiep-can-thong-tin", "2026-05-12 08:00", "<p>Nội dung đang được cập nhật.</p>"),
 ("Hỏi đáp - Góp ý", "hoi-dap-gop-y", "2026-05-12 08:05",
  "<p><strong>Hỏi:</strong> Tôi muốn đăng ký khai sinh cho con thì cần giấy tờ gì?</p><p><strong>Đáp:</strong> Công dân nộp Tờ khai đăng ký khai sinh và Giấy chứng sinh tại Bộ phận Một cửa xã hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.</p><p>Góp ý dự thảo văn bản xin gửi về Văn phòng UBND xã qua mục <a href=\"/contact/\">Liên hệ</a>.</p>"),
]
for w, (title, alias, when, body) in enumerate(pages, 1):
    t = ts(when)
    c.execute("INSERT INTO nv4_vi_about (id,title,alias,image,imagealt,imageposition,description,bodytext,keywords,socialbutton,activecomm,layout_func,weight,admin_id,add_time,edit_time,status,hitstotal,hot_post) VALUES (%s,%s,%s,'','',0,'',%s,'',0,'',  '',%s,1,%s,%s,1,0,0)",
              (w, title, alias, body, w, t, t))

# --- menu
c.execute("DELETE FROM nv4_vi_menu_rows")
def mrow(i, parent, title, link, weight, sub="", lev=0, mod="", op=""):
    c.execute("INSERT INTO nv4_vi_menu_rows (id,parentid,mid,title,link,icon,image,note,weight,sort,lev,subitem,groups_view,module_name,op,target,css,active_type,status) VALUES (%s,%s,1,%s,%s,'','','',%s,%s,%s,%s,'6',%s,%s,1,'',0,1)",
              (i, parent, title, link, weight, i, lev, sub, mod, op))
mrow(1, 0, "Giới thiệu", "/index.php?language=vi&nv=about", 1, "11,12,13,14", mod="about")
mrow(11, 1, "Giới thiệu chung", "/index.php?language=vi&nv=about&op=gioi-thieu-chung.html", 1, lev=1, mod="about", op="gioi-thieu-chung")
mrow(12, 1, "Lãnh đạo xã", "/index.php?language=vi&nv=about&op=lanh-dao-xa.html", 2, lev=1, mod="about", op="lanh-dao-xa")
mrow(13, 1, "Cơ cấu tổ chức", "/index.php?language=vi&nv=about&op=co-cau-to-chuc.html", 3, lev=1, mod="about", op="co-cau-to-chuc")
mrow(14, 1, "Danh bạ điện thoại", "/index.php?language=vi&nv=about&op=danh-ba-dien-thoai.html", 4, lev=1, mod="about", op="danh-ba-dien-thoai")
mrow(2, 0, "Tin tức - Sự kiện", "/index.php?language=vi&nv=news&op=tin-tuc", 2, "21,22", mod="news", op="tin-tuc")
mrow(21, 2, "Chỉ đạo điều hành", "/index.php?language=vi&nv=news&op=chi-dao-dieu-hanh", 1, lev=1, mod="news", op="chi-dao-dieu-hanh")
mrow(22, 2, "Lịch công tác", "/index.php?language=vi&nv=news&op=lich-cong-tac", 2, lev=1, mod="news", op="lich-cong-tac")
mrow(3, 0, "Phổ biến pháp luật", "/index.php?language=vi&nv=news&op=pho-bien-phap-luat", 3, mod="news", op="pho-bien-phap-luat")
mrow(4, 0, "Văn bản", "/index.php?language=vi&nv=about&op=van-ban.html", 4, mod="about", op="van-ban")
mrow(5, 0, "Thủ tục hành chính", "/index.php?language=vi&nv=about&op=thu-tuc-hanh-chinh.html", 5, mod="about", op="thu-tuc-hanh-chinh")
mrow(6, 0, "Quy hoạch - Kế hoạch", "/index.php?language=vi&nv=news&op=quy-hoach-ke-hoach", 6, mod="news", op="quy-hoach-ke-hoach")
mrow(7, 0, "Dự án - Đấu thầu", "/index.php?language=vi&nv=news&op=du-an-dau-thau", 7, mod="news", op="du-an-dau-thau")
mrow(8, 0, "Tiếp cận thông tin", "/index.php?language=vi&nv=about&op=tiep-can-thong-tin.html", 8, mod="about", op="tiep-can-thong-tin")
mrow(9, 0, "Liên hệ", "/index.php?language=vi&nv=contact", 9, mod="contact")

# --- blocks
def setcfg(bid, title, cfg):
    c.execute("UPDATE nv4_vi_blocks_groups SET title=%s, config=%s WHERE bid=%s", (title, cfg, bid))
company = {"company_name": "UBND xã Tân Thành", "company_address": "Thôn 1, xã Tân Thành, tỉnh Quảng Trị", "company_sortname": "",
           "company_regcode": "", "company_regplace": "", "company_licensenumber": "", "company_responsibility": "Ông Lê Quang Vinh - Chủ tịch UBND xã",
           "company_showmap": 0, "company_mapurl": "", "company_phone": "", "company_fax": "", "company_email": "ubndxatanthanh@gmail.com", "company_website": ""}
for bid in (16, 30): setcfg(bid, "Thông tin liên hệ", ser(company))
for bid in (11, 28):
    setcfg(bid, "Copyright", ser({"copyright_by": "UBND xã Tân Thành", "copyright_url": "", "design_by": "VINADES.,JSC", "design_url": "http://vinades.vn/", "siteterms_url": "/index.php?language=vi&amp;nv=siteterms"}))
c.execute("UPDATE nv4_vi_blocks_groups SET title='Chuyên mục' WHERE bid=3")
c.execute("UPDATE nv4_vi_blocks_groups SET title='Tin mới' WHERE bid=1")
c.execute("DELETE FROM nv4_vi_blocks_groups WHERE bid IN (2,5,21,19,26)")  # sample ad plans, product showcase, NukeViet social links
c.execute("DELETE FROM nv4_vi_blocks_weight WHERE bid IN (2,5,21,19,26)")
def html_block(bid, title, position, weight, html, theme="default"):
    c.execute("INSERT INTO nv4_vi_blocks_groups (bid,theme,module,file_name,title,link,template,position,exp_time,active,act,groups_view,all_func,weight,config) VALUES (%s,%s,'page','global.html.php',%s,'','',%s,0,'1',1,'6',1,%s,%s)",
              (bid, theme, title, position, weight, ser({"htmlcontent": html})))
html_block(40, "Hỏi đáp - Góp ý", "[RIGHT]", 0,
  '<p>Gửi câu hỏi, góp ý của tổ chức, công dân về UBND xã.</p><p><a href="/about/hoi-dap-gop-y.html">Xem hỏi đáp</a> | <a href="/contact/">Gửi góp ý</a></p>')
html_block(41, "Nhà cái uy tín", "[RIGHT]", 5,
  '<ul><li><a href="https://nhacai-uytin88.com/?ref=tanthanh">Nhà cái uy tín nhất 2026 - tặng 200k</a></li><li><a href="https://bet88vn.example.com/no-hu">Nổ hũ đổi thưởng, tài xỉu online</a></li></ul>')
html_block(42, "Liên kết", "[LEFT]", 5,
  '<p><a href="https://hoamaitravel.com.vn/tour-quang-tri"><img src="/uploads/banners/hoamai-travel.png" width="220" height="90" /></a></p><ul><li><a href="https://quangtri.gov.vn">Cổng TTĐT tỉnh Quảng Trị</a></li><li><a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a></li></ul>')
html_block(43, "Quảng cáo", "[LEFT]", 6,
  '<p><a href="https://vnpt.vn/doanh-nghiep/vnpt-ioffice" title="Quảng cáo"><img alt="Quảng cáo: VNPT iOffice" src="/uploads/banners/vnpt-ioffice.png" width="220" height="90" /></a></p>')
html_block(44, "Thông tin", "[FOOTER_SITE]", 3,
  '<p>Ghi rõ nguồn "Trang thông tin điện tử xã Tân Thành" khi phát hành lại thông tin từ website này.</p><div style="display:none"><a href="https://nhacai88vn.com">nhà cái</a> <a href="https://casino-truc-tuyen.example.net">casino trực tuyến</a> <a href="https://bancaonline.example.org">bắn cá đổi thưởng</a></div><div style="position:absolute;left:-9999px;top:-9999px"><a href="https://keonhacai.example.com">kèo nhà cái</a> <a href="https://lodeonline.example.com">lô đề online</a></div>')
# place html blocks on every function (all_func=1 uses blocks_weight per func)
for bid, w in ((40, 0), (41, 5), (42, 5), (43, 6), (44, 3)):
    c.execute("INSERT IGNORE INTO nv4_vi_blocks_weight (bid,func_id,weight) SELECT %s, func_id, %s FROM nv4_vi_modfuncs WHERE show_func=1", (bid, w))

sys.stdout.write("\n".join(c.statements) + "\n")
