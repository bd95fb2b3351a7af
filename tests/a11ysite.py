"""A commune site with the accessibility defects the browser pass must find, and the same site
fixed: served on 127.0.0.1 by the tests (tests/test_a11y.py).

Planted on the broken site (axe-core rule in brackets):
- low-contrast text, light grey on white [color-contrast], WCAG 1.4.3;
- a search field without a label [label], 1.3.1/3.3.2 (axe tags it 4.1.2);
- an icon-only link in the header of every page [link-name], 4.1.2/2.4.4;
- an empty button [button-name], 4.1.2;
- two elements with one id [duplicate-id], 4.1.1;
- ``lang="vi"`` with ``xml:lang="en"`` [html-xml-lang-mismatch], 3.1.1;
and one image without alt, which the static ACC-001 reports (the browser steps aside).
The fixed site is the same pages with each defect corrected.
"""

from __future__ import annotations

PARAGRAPH = ("Ủy ban nhân dân xã Hướng Lập thông báo kết quả thực hiện nhiệm vụ phát triển kinh tế "
             "xã hội năm 2026, công tác cải cách hành chính và chuyển đổi số trên địa bàn xã. ")

PLANTED = {  # axe rule -> the ACC rule that reports it
    "color-contrast": "ACC-004",
    "label": "ACC-006",
    "link-name": "ACC-005",
    "button-name": "ACC-005",
    "duplicate-id": "ACC-008",
    "html-xml-lang-mismatch": "ACC-007",
}


def page(title: str, main: str, broken: bool) -> str:
    lang = 'lang="vi" xml:lang="en"' if broken else 'lang="vi" xml:lang="vi"'
    icon_link = ('<a href="/lien-he/" class="icon-mail"><span class="icon"></span></a>' if broken
                 else '<a href="/lien-he/" class="icon-mail" aria-label="Liên hệ"><span class="icon"></span></a>')
    return f"""<!doctype html>
<html {lang}><head><meta charset="utf-8"><title>{title} | UBND xã Hướng Lập</title>
<style>body {{ color: #222; background: #fff; font: 16px sans-serif; }} .muted {{ color: {'#c8c8c8' if broken else '#595959'}; }}</style>
</head><body>
<header><p>UBND xã Hướng Lập</p>{icon_link}
<nav><a href="/">Trang chủ</a> <a href="/gioi-thieu/">Giới thiệu</a> <a href="/tin-tuc/">Tin tức</a></nav></header>
<main><h1>{title}</h1>{main}</main>
<footer><p>Cơ quan chủ quản: UBND xã Hướng Lập, tỉnh Quảng Trị.</p></footer>
</body></html>"""


def home(broken: bool) -> str:
    search = ('<form action="/tim-kiem"><input type="text" name="q"><button type="submit">Tìm</button></form>'
              if broken else
              '<form action="/tim-kiem"><label for="q">Tìm kiếm</label><input id="q" type="text" name="q">'
              '<button type="submit">Tìm</button></form>')
    button = '<button type="button" class="menu-toggle"></button>' if broken else \
        '<button type="button" class="menu-toggle">Mở trình đơn</button>'
    ids = ('<div id="tin-moi">Tin mới</div><div id="tin-moi">Tin nổi bật</div>' if broken
           else '<div id="tin-moi">Tin mới</div><div id="tin-noi-bat">Tin nổi bật</div>')
    image = '<img src="/logo.png" width="80" height="80">' if broken else \
        '<img src="/logo.png" width="80" height="80" alt="Biểu trưng xã Hướng Lập">'
    main = (f"{search}{button}{ids}{image}<p class=\"muted\">Cập nhật lần cuối ngày 02/01/2026.</p>"
            f"<p>{PARAGRAPH * 2}</p>"
            '<ul><li><a href="/tin-tuc/khanh-thanh-cau-moi-tai-thon-a-12345.html">Khánh thành cầu mới '
            "tại thôn A</a></li></ul>")
    return page("Trang chủ", main, broken)


def introduction(broken: bool) -> str:
    return page("Giới thiệu", f"<p>{PARAGRAPH * 3}</p>", broken)


def article(broken: bool) -> str:
    return page("Khánh thành cầu mới tại thôn A",
                f"<p>Ngày 05/01/2026</p><p>{PARAGRAPH * 4}</p><p>Tác giả: Văn phòng UBND xã</p>", broken)


def routes(broken: bool) -> dict:
    from servers import html

    return {
        "/": html(home(broken)),
        "/gioi-thieu/": html(introduction(broken)),
        "/tin-tuc/khanh-thanh-cau-moi-tai-thon-a-12345.html": html(article(broken)),
        "/robots.txt": (404, {"Content-Type": "text/plain"}, b""),
    }
