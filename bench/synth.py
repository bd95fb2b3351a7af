"""A synthetic province: realistic commune-portal pages written to disk for a static server.

Every site of the benchmark serves the same tree of pages (links are root-relative, so each
site's pages link within that site): 500 pages take 40 MB on disk instead of 500 per site.
The pages look like the NukeViet and Liferay portals of Vietnamese communes: a masthead with
the date, a menu of ~60 links, a sidebar of news, documents (PDF), photos and links to other
government sites, an article in Vietnamese with its date, author and source, a long list of
news with dates and excerpts, and a footer with the address and the official mailbox.
Each page is 60-100 KB with 300-500 links, as on the portals the auditor is written for.

The text comes from the seed articles in ``../shared/seeds`` next to the repository when
they are there, else from ``bench/seed.txt``.
"""

from __future__ import annotations

import html
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
SHIPPED_SEED = BENCH / "seed.txt"

SECTIONS = (
    ("gioi-thieu", "Giới thiệu"), ("tin-tuc", "Tin tức - Sự kiện"), ("chinh-tri", "Chính trị"),
    ("kinh-te", "Kinh tế"), ("van-hoa-xa-hoi", "Văn hóa - Xã hội"), ("quoc-phong", "Quốc phòng - An ninh"),
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành"), ("van-ban", "Văn bản"), ("thu-tuc-hanh-chinh", "Thủ tục hành chính"),
    ("lich-cong-tac", "Lịch công tác"), ("hoi-dap", "Hỏi đáp"), ("lien-he", "Liên hệ"),
)
# Links to other state sites: judged by the rules, never fetched (every tool stays on 127.0.0.1).
EXTERNAL_SITES = (
    ("https://chinhphu.vn/", "Cổng Thông tin điện tử Chính phủ"),
    ("https://baochinhphu.vn/", "Báo điện tử Chính phủ"),
    ("https://dichvucong.gov.vn/", "Cổng Dịch vụ công quốc gia"),
    ("https://quangtri.gov.vn/", "Cổng thông tin điện tử tỉnh Quảng Trị"),
    ("https://stttt.quangtri.gov.vn/", "Sở Thông tin và Truyền thông"),
    ("https://vbpl.vn/", "Cơ sở dữ liệu quốc gia về văn bản pháp luật"),
    ("https://mic.gov.vn/", "Bộ Thông tin và Truyền thông"),
    ("https://baoquangtri.vn/", "Báo Quảng Trị"),
    ("https://huonghoa.quangtri.gov.vn/", "UBND huyện Hướng Hóa"),
    ("https://www.facebook.com/ubndxa", "Trang Facebook của UBND xã"),
    ("https://dangcongsan.vn/", "Báo điện tử Đảng Cộng sản Việt Nam"),
    ("https://thuvienphapluat.vn/", "Thư viện pháp luật"),
)
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
AUTHORS = ("Ngọc Tân", "Lê Hồng Giang", "Nguyễn Thị Hoa", "Trần Quang", "Hồ Văn Lâm", "Phan Thị Thu")
IMAGES = 40  # thumbnails per site: every tool that fetches images fetches each once
DOCUMENTS = 30  # PDF documents per site: the auditor HEADs them, LinkChecker GETs them
MIN_BYTES, MAX_BYTES = 60_000, 100_000
MIN_LINKS, MAX_LINKS = 300, 500


def seed_text() -> str:
    """Vietnamese prose: the shared seed articles, else the short text shipped in bench/."""
    if SHARED_SEEDS.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED_SEEDS.glob("*.txt"))]
        if texts:
            return "\n".join(texts)
    return SHIPPED_SEED.read_text(encoding="utf-8")


def ascii_slug(text: str) -> str:
    """Vietnamese title -> URL slug, as the CMSs do: no diacritics, đ -> d, words joined by '-'."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@dataclass(frozen=True)
class Page:
    number: int
    path: str  # root-relative URL; "/" for the home page
    title: str


class Writer:
    """Writes one tree of pages; deterministic for a given page count and seed."""

    def __init__(self, pages: int, seed: int = 2026, documents: bool = True):
        self.rng = random.Random(seed)
        self.documents = documents  # link PDF documents (False: every link is a page)
        text = seed_text()
        self.paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if len(p.strip()) > 80]
        self.words = re.findall(r"\w+", text)
        self.pages = [Page(0, "/", "Trang chủ")] + [self._page(n) for n in range(1, pages)]

    def _page(self, number: int) -> Page:
        title = self._title()
        section = SECTIONS[number % len(SECTIONS)][0]
        return Page(number, f"/{section}/{ascii_slug(title)[:60].rstrip('-')}-{number}.html", title)

    def _title(self) -> str:
        words = self.rng.sample(self.words, self.rng.randint(5, 9))
        return " ".join(words).capitalize()

    # -- pieces of a page -----------------------------------------------------------------
    def _date(self) -> tuple[str, str]:
        rng = self.rng
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2026)
        hour, minute = rng.randint(6, 18), rng.randint(0, 59)
        weekday = WEEKDAYS[rng.randrange(7)]
        return (f"{hour}:{minute:02d}, {weekday}, {day}-{month}-{year}",
                f"({hour:02d}:{minute:02d} | {day:02d}/{month:02d}/{year})")

    def _link(self, page: Page) -> str:
        return f'<a href="{page.path}">{html.escape(page.title)}</a>'

    def _menu(self) -> str:
        items = []
        menu_pages = self.pages[1:61]
        for i, (slug, label) in enumerate(SECTIONS):
            subs = menu_pages[i * 5:(i + 1) * 5]
            sub = "".join(f"<li>{self._link(p)}</li>" for p in subs)
            items.append(f'<li class="menu-item"><a href="/{slug}/" class="menu-link">{label}</a>'
                         f'<ul class="sub-menu">{sub}</ul></li>')
        return ('<nav id="menu" class="main-menu"><ul class="nav navbar-nav">'
                '<li><a href="/">Trang chủ</a></li>' + "".join(items) + "</ul></nav>")

    def _sidebar(self) -> str:
        rng = self.rng
        news = "".join(f"<li>{self._link(p)}</li>" for p in rng.sample(self.pages, 20))
        numbers = rng.sample(range(1, DOCUMENTS + 1), 10)
        if self.documents:
            docs = "".join(f'<li><a href="/uploads/van-ban/qd-{n}-2024.pdf">Quyết định số {n}/QĐ-UBND</a></li>'
                           for n in numbers)
        else:
            docs = "".join(f'<li><a href="{self.pages[n].path}">Quyết định số {n}/QĐ-UBND</a></li>'
                           for n in numbers)
        photos = "".join(
            f'<a href="/thu-vien-anh/"><img src="/uploads/anh/anh-{n}.jpg" alt="Hoạt động của xã" '
            f'width="80" height="60"></a>' for n in rng.sample(range(1, IMAGES + 1), 6))
        partners = "".join(f'<li><a href="{url}" target="_blank" rel="noopener">{html.escape(name)}</a></li>'
                           for url, name in EXTERNAL_SITES)
        return ('<aside class="col-left sidebar">'
                f'<div class="widget"><h3 class="widget-title">Tin mới nhất</h3><ul>{news}</ul></div>'
                f'<div class="widget"><h3 class="widget-title">Văn bản mới</h3><ul>{docs}</ul></div>'
                f'<div class="widget"><h3 class="widget-title">Thư viện ảnh</h3>{photos}</div>'
                f'<div class="widget"><h3 class="widget-title">Liên kết website</h3><ul>{partners}</ul></div>'
                '</aside>')

    def _article(self, page: Page, size: int) -> str:
        rng = self.rng
        nukeviet, _ = self._date()
        paragraphs, length = [], 0
        while length < size:
            paragraph = rng.choice(self.paragraphs)
            paragraphs.append(f"<p>{html.escape(paragraph)}</p>")
            length += len(paragraph.encode("utf-8")) + 7
            if rng.random() < 0.15:
                n = rng.randint(1, IMAGES)
                paragraphs.append(f'<p class="image-center"><img src="/uploads/anh/anh-{n}.jpg" '
                                  f'alt="{html.escape(page.title[:60])}" width="600"></p>')
        author, source = rng.choice(AUTHORS), "Văn phòng HĐND và UBND xã"
        return (f'<article class="news-detail"><h1 class="title">{html.escape(page.title)}</h1>'
                f'<div class="meta"><span class="time">{nukeviet}</span></div>'
                f'<div class="hometext"><strong>{html.escape(rng.choice(self.paragraphs)[:200])}</strong></div>'
                f'<div id="news-bodyhtml" class="bodytext">{"".join(paragraphs)}'
                f"<p>Tác giả: {author}</p><p>Nguồn: {source}</p></div></article>")

    def _news_list(self, links: int) -> str:
        """Blocks of news by section, as a portal's home and article pages list them."""
        rng = self.rng
        blocks, items, made = [], [], 0
        while made < links:
            page = rng.choice(self.pages[1:])
            item = self._link(page)
            made += 1
            if rng.random() < 0.05:
                img = f'<img src="/uploads/anh/anh-{rng.randint(1, IMAGES)}.jpg" alt="{html.escape(page.title[:40])}">'
                item = f'<a href="{page.path}" class="thumb">{img}</a>' + item
                made += 1
            if rng.random() < 0.4:
                item += f' <span class="date">{self._date()[1]}</span>'
            if rng.random() < 0.1:
                item += f'<p class="excerpt">{html.escape(rng.choice(self.paragraphs)[:120])}</p>'
            items.append(f"<li>{item}</li>")
            if len(items) == 20 or made >= links:
                label = SECTIONS[len(blocks) % len(SECTIONS)][1]
                blocks.append(f'<div class="block"><h2 class="block-title">{label}</h2><ul>{"".join(items)}</ul></div>')
                items = []
        return '<div class="news-list">' + "".join(blocks) + "</div>"

    def _footer(self) -> str:
        links = "".join(f'<li><a href="/{slug}/">{label}</a></li>' for slug, label in SECTIONS)
        return ('<footer id="footer" class="footer"><ul class="footer-menu">' + links + "</ul>"
                "<p>Cơ quan chủ quản: Ủy ban nhân dân xã Hướng Lập, huyện Hướng Hóa, tỉnh Quảng Trị</p>"
                "<p>Địa chỉ: Thôn Cù Bai, xã Hướng Lập. Điện thoại: 0233.3880.123</p>"
                "<p>Email: <a href=\"mailto:ubndhuonglap@quangtri.gov.vn\">ubndhuonglap@quangtri.gov.vn</a></p>"
                "<p>Người chịu trách nhiệm chính: Chủ tịch UBND xã</p>"
                "<p>Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp</p>"
                "<p class=\"copyright\">© Bản quyền thuộc về UBND xã Hướng Lập</p></footer>")

    def page_html(self, page: Page, size: int | None = None, links: int | None = None) -> str:
        """A page of about ``size`` bytes and ``links`` links (random within the ranges if None)."""
        rng = self.rng
        target = size or rng.randint(MIN_BYTES + 4_000, MAX_BYTES - 6_000)
        links = links or rng.randint(MIN_LINKS + 20, MAX_LINKS - 20)
        masthead_date = f"{WEEKDAYS[rng.randrange(7)]}, ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12):02d} năm 2026"
        frame = self._menu() + self._sidebar() + self._footer()
        news = self._news_list(max(links - frame.count("<a ") - 4, 100))
        head = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
                f"<title>{html.escape(page.title)} - Cổng thông tin điện tử xã Hướng Lập</title>"
                '<meta name="generator" content="NukeViet v4.5">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                '<link rel="stylesheet" href="/themes/default/css/style.css">'
                '<script src="/themes/default/js/main.js"></script>'
                "<style>.an-di{display:none}.menu-item{float:left}</style></head>")
        header = ('<body><div id="header" class="site-header">'
                  '<div class="banner-top"><img src="/uploads/anh/banner.jpg" alt="Ủy ban nhân dân xã Hướng Lập"></div>'
                  f'<div class="date-top">{masthead_date}</div>'
                  '<form action="/tim-kiem/" method="get" class="search"><input type="text" name="q">'
                  '<button type="submit">Tìm kiếm</button></form></div>')
        crumbs = ('<div class="breadcrumb"><a href="/">Trang chủ</a> » '
                  f'<a href="/{page.path.split("/")[1] or "tin-tuc"}/">Chuyên mục</a> » {self._link(page)}</div>')
        without_article = head + header + self._menu() + self._sidebar() + crumbs + news + self._footer()
        article = self._article(page, max(target - len(without_article.encode("utf-8")), 3_000))
        return (head + header + self._menu() + '<div class="container">' + self._sidebar()
                + f'<div id="main" class="content col-main">{crumbs}{article}{news}</div></div>'
                + self._footer() + "<script>var nv_base_siteurl = '/';</script></body></html>")


def write_tree(root: Path, pages: int, crawl_delay: float = 0.0, documents: bool = True) -> Path:
    """Write (once) a tree of ``pages`` HTML pages, their images and documents, and robots.txt.

    ``documents=False``: the pages link no PDF, so that every request a crawler makes is a page
    (the polite run's bound counts pages)."""
    if pages < 80:
        raise ValueError("a synthetic site needs at least 80 pages (its menu alone links 60)")
    marker = root / ".complete"
    if marker.exists():
        return root
    # Home and section pages count: the tree holds exactly ``pages`` HTML pages.
    writer = Writer(pages - len(SECTIONS) - 1, documents=documents)
    for page in writer.pages:
        path = root / ("index.html" if page.path == "/" else page.path.lstrip("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(writer.page_html(page), encoding="utf-8")
    for slug, _ in SECTIONS:  # a section's own URL answers with its index
        section = root / slug / "index.html"
        if not section.exists():
            section.parent.mkdir(parents=True, exist_ok=True)
            section.write_text(writer.page_html(Page(-1, f"/{slug}/", dict(SECTIONS)[slug])), encoding="utf-8")
    (root / "uploads" / "anh").mkdir(parents=True, exist_ok=True)
    (root / "uploads" / "van-ban").mkdir(parents=True, exist_ok=True)
    (root / "themes" / "default" / "css").mkdir(parents=True, exist_ok=True)
    (root / "themes" / "default" / "js").mkdir(parents=True, exist_ok=True)
    for n in ["banner", *range(1, IMAGES + 1)]:
        (root / "uploads" / "anh" / f"anh-{n}.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(2000))
    (root / "uploads" / "anh" / "banner.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(8000))
    for n in range(1, DOCUMENTS + 1):
        (root / "uploads" / "van-ban" / f"qd-{n}-2024.pdf").write_bytes(b"%PDF-1.4\n" + bytes(4000))
    (root / "themes" / "default" / "css" / "style.css").write_text("body{font-family:Arial}\n")
    (root / "themes" / "default" / "js" / "main.js").write_text("var nv = {};\n")
    (root / "thu-vien-anh").mkdir(exist_ok=True)
    (root / "thu-vien-anh" / "index.html").write_text(writer.page_html(Page(-1, "/thu-vien-anh/", "Thư viện ảnh")),
                                                      encoding="utf-8")
    robots = "User-agent: *\nDisallow: /admin/\n"
    if crawl_delay:
        robots += f"Crawl-delay: {crawl_delay:g}\n"
    (root / "robots.txt").write_text(robots)
    marker.write_text(f"{pages} pages\n")
    return root


def portal_page(size: int, links: int = 400) -> tuple[str, bytes]:
    """One article page of about ``size`` bytes, with its URL: for micro-benchmarks."""
    writer = Writer(500)
    page = writer.pages[123]
    return f"https://xa-huong-lap.quangtri.gov.vn{page.path}", writer.page_html(page, size, links).encode("utf-8")


def html_pages(root: Path) -> int:
    """The HTML pages of a tree: what a complete crawl of one site fetches."""
    return sum(1 for _ in root.rglob("*.html"))
