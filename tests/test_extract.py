"""The fact extractor on portal-like pages: regions, hidden links, media, dates, bylines."""

from __future__ import annotations

import unicodedata

import lxml.html

from auditor.spiders.extract import extract
from auditor.spiders.facts import PageFacts

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title> Chi tiết tin - Xã Hướng Lập </title>
<meta name="generator" content="NukeViet v4.5">
<style>.an-di { display: none } #x1{color:red}</style></head>
<body>
<div id="header"><img src="/logo.png" alt="Quốc huy"><h2>ỦY BAN NHÂN DÂN XÃ HƯỚNG LẬP</h2>
  <span>Thứ bảy, ngày 27 tháng 02 năm 2021</span>
  <ul class="main-menu"><li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/tin-tuc">TIN TỨC</a></li></ul>
</div>
<div class="col-left">
  <div class="widget"><h3>Liên kết</h3><a href="https://nhakhoa.example.com"><img src="https://nhakhoa.example.com/b.gif"></a></div>
  <div class="widget"><h3>Quảng cáo</h3><a href="https://hotel.example.com"><img src="/qc.jpg" alt="Khách sạn"></a></div>
</div>
<div id="content">
  <h1>Huyện Hướng Hóa tổ chức tập huấn</h1>
  <p>7:57, Chủ Nhật, 8-5-2022</p>
  <p>Sau khi hoàn thành thiết kế, ngày 11/9/2015, UBND huyện Hướng Hóa phối hợp ...</p>
  <img src="https://i1-vnexpress.vnecdn.net/anh.jpg">
  <iframe src="https://www.youtube.com/embed/abc"></iframe>
  <p>Tác giả bài viết: Nguyễn Ngọc Tri</p>
  <p>Nguồn: Báo Quảng Trị</p>
  <div style="position:absolute; left:-9999px"><a href="https://nhacai.example.com">nhà cái uy tín</a></div>
  <div class="an-di"><a href="https://casino.example.com">casino</a></div>
  <form action="/tim-kiem"><input name="q"></form>
  <marquee>Chào mừng</marquee>
</div>
<div id="footer">Bản quyền thuộc về UBND xã. Email: <a href="mailto:huonglap@quangtri.gov.vn">thư</a> hoặc xahuonglap@gmail.com</div>
</body></html>"""


def facts_of(markup: str, url: str = "http://xa.quangtri.gov.vn/tin-tuc/1.html") -> PageFacts:
    facts = PageFacts(site="xa", url=url, final_url=url, status=200, is_html=True)
    return extract(facts, lxml.html.document_fromstring(markup), url)


def test_document_facts():
    facts = facts_of(PAGE)
    assert facts.title == "Chi tiết tin - Xã Hướng Lập"
    assert facts.lang == "vi" and facts.generator == "NukeViet v4.5"
    headings = [(h.level, h.text) for h in facts.headings]
    assert headings == [(2, "ỦY BAN NHÂN DÂN XÃ HƯỚNG LẬP"), (3, "Liên kết"), (3, "Quảng cáo"),
                        (1, "Huyện Hướng Hóa tổ chức tập huấn")]
    assert facts.has_search_form and facts.forms == 1
    assert facts.blink_tags == ["marquee"]


def test_links_know_their_region_label_and_visibility():
    links = {link.url: link for link in facts_of(PAGE).links}
    menu = links["http://xa.quangtri.gov.vn/gioi-thieu"]
    assert menu.region == "nav" and menu.text == "Giới thiệu"
    banner = links["https://nhakhoa.example.com/"]
    assert banner.region == "sidebar" and banner.has_image and banner.label == "Liên kết"
    assert links["https://hotel.example.com/"].label == "Quảng cáo"
    assert links["https://nhacai.example.com/"].hidden  # off-screen
    assert links["https://casino.example.com/"].hidden  # hidden by a class in <style>
    assert not menu.hidden


def test_media_with_and_without_alt():
    media = {m.src: m for m in facts_of(PAGE).media}
    assert media["http://xa.quangtri.gov.vn/logo.png"].alt == "Quốc huy"
    assert media["http://xa.quangtri.gov.vn/logo.png"].region == "header"
    assert media["https://i1-vnexpress.vnecdn.net/anh.jpg"].alt is None
    assert media["https://www.youtube.com/embed/abc"].kind == "iframe"


def test_text_regions_dates_and_byline():
    facts = facts_of(PAGE)
    assert "ỦY BAN NHÂN DÂN XÃ HƯỚNG LẬP" in facts.header_text
    assert "Bản quyền thuộc về UBND xã" in facts.footer_text
    assert "Bản quyền" not in facts.main_text and "Giới thiệu" not in facts.main_text
    assert "nhà cái" in facts.hidden_text and "nhà cái" not in facts.main_text
    assert facts.published == "2022-05-08"  # the article's date, not the masthead's
    header_dates = [d.iso for d in facts.dates if d.region == "header"]
    assert header_dates == ["2021-02-27"]
    assert facts.author == "Nguyễn Ngọc Tri" and facts.source == "Báo Quảng Trị"
    assert facts.emails == ["huonglap@quangtri.gov.vn", "xahuonglap@gmail.com"]


def test_text_is_nfc_even_when_the_page_is_nfd():
    facts = facts_of(unicodedata.normalize("NFD", PAGE))
    assert facts.author == "Nguyễn Ngọc Tri"
    assert unicodedata.is_normalized("NFC", facts.main_text)


def test_a_signature_line_is_taken_as_the_author():
    facts = facts_of("<html><body><h1>Tin</h1><p>Nội dung bài viết rất dài.</p>"
                     "<p align=right><b>Ngọc Tân</b></p></body></html>")
    assert facts.author == "Ngọc Tân" and facts.source == ""


def test_a_sentence_starting_with_theo_is_not_a_source():
    facts = facts_of("<html><body><p>Theo kế hoạch, năm 2017, huyện tiếp tục củng cố mạng LAN"
                     " và trang bị máy tính cho các cơ quan.</p><p>Theo báo Tuổi Trẻ</p></body></html>")
    assert facts.source == "báo Tuổi Trẻ"


def test_deeply_nested_markup_does_not_recurse():
    # libxml2 caps nesting at 256 levels; the walk itself must not recurse either.
    facts = facts_of("<html><body>" + "<div>" * 250 + "<a href='/x'>x</a>" + "</div>" * 250 + "</body></html>")
    assert [link.text for link in facts.links] == ["x"]


def test_a_widget_area_right_above_the_footer_is_the_footer():
    """Twenty Twenty-One: the agency's widget sits in <aside class="widget-area"> under the
    content, right above <footer id="colophon">; a sidebar beside the content stays sidebar."""
    bottom = facts_of('<html><body><div id="content"><main><h1>Tin</h1><p>Nội dung.</p></main></div>'
                      '<aside class="widget-area"><p>Điện thoại: 0233 3880 100</p></aside>'
                      '<!-- .widget-area --><footer id="colophon"><p>UBND xã Hướng Phùng</p></footer>'
                      '</body></html>')
    assert "0233 3880 100" in bottom.footer_text and "UBND xã Hướng Phùng" in bottom.footer_text
    beside = facts_of('<html><body><div class="row"><main><h1>Tin</h1><p>Nội dung.</p></main>'
                      '<aside class="widget-area"><p>Điện thoại: 0233 3880 100</p></aside></div>'
                      '<footer id="colophon"><p>UBND xã Hướng Phùng</p></footer></body></html>')
    assert "0233 3880 100" not in beside.footer_text
    floated = facts_of('<html><body><div id="content"><h1>Tin</h1><p>Nội dung.</p></div>'
                       '<div id="sidebar"><p>Điện thoại: 0233 3880 100</p></div>'
                       '<div id="footer"><p>UBND xã</p></div></body></html>')
    assert "0233 3880 100" not in floated.footer_text


def test_a_narrow_grid_column_beside_the_content_is_a_sidebar():
    """NukeViet: content in col-md-13 between a col-md-5 and a col-md-6 column of blocks."""
    facts = facts_of('<html><body><div class="row">'
                     '<div class="col-sm-12 col-md-13"><h1>Lịch công tác tuần 29</h1><p>Từ ngày 14/7/2026.</p></div>'
                     '<div class="col-sm-6 col-md-6"><h3>Tin mới</h3><p>Điểm báo ngày 20/11/2026</p></div>'
                     '<div class="col-sm-6 col-md-5"><p>Liên kết</p></div></div>'
                     '<div class="row"><div class="col-md-12"><p>Tin A</p></div><div class="col-md-12"><p>Tin B</p></div></div>'
                     '</body></html>')
    assert "20/11/2026" not in facts.main_text and "Tin mới" in facts.text
    assert "Tin A" in facts.main_text and "Tin B" in facts.main_text


def test_a_search_box_without_a_form_is_a_search_tool():
    """NukeViet's header: an input "Tìm kiếm..." and a button whose script opens /seek/?q=."""
    box = facts_of('<html><body><div class="headerSearch"><input type="text" class="form-control" '
                   'placeholder="Tìm kiếm..."><button type="button" data-url="/seek/?q=">Tìm</button>'
                   '</div><h1>Tin</h1></body></html>')
    other = facts_of('<html><body><input type="text" placeholder="Họ và tên"><h1>Tin</h1></body></html>')
    assert box.has_search_form and not other.has_search_form


def test_cms_chrome_that_scripts_show_is_no_content():
    """NukeViet's session time-out notice and feedback box (hidden by its style.css, which the
    crawler does not read) are declared in spiders/cms/nukeviet.toml: an empty page stays empty."""
    facts = facts_of('<html><body><h1>Tiếp cận thông tin</h1><p>Nội dung đang được cập nhật.</p>'
                     '<div id="timeoutsess" class="chromeframe">Bạn đã không sử dụng Site</div>'
                     '<div id="contactButton"><button>Gửi phản hồi</button></div></body></html>')
    assert "Bạn đã không sử dụng" not in facts.main_text and "Gửi phản hồi" not in facts.main_text
    assert "Nội dung đang được cập nhật" in facts.main_text


def test_a_sub_menu_link_closing_the_main_text_is_no_signature():
    """Liferay: a leaders page ends with its portlet's sub-menu; "Lãnh đạo Sở" is a link."""
    facts = facts_of("<html><body><h1>Lãnh đạo</h1><p>Đồng chí Nguyễn Thị Mai Hương</p>"
                     "<p>Phó Giám đốc Sở Thông tin và Truyền thông Hà Nội</p>"
                     '<ul><li><a href="/gioi-thieu.html">Giới thiệu</a></li>'
                     '<li><a href="/lanh-dao-so.html">Lãnh đạo Sở</a></li></ul></body></html>')
    assert facts.author == ""


def test_a_box_header_names_the_box():
    """Liferay: <section class="portlet"><header class="portlet-topper"><h1>TTHC cấp huyện</h1>."""
    facts = facts_of('<html><body><h1>Trang chủ</h1><section class="portlet"><header class="portlet-topper">'
                     '<h1 class="portlet-title"><span>TTHC cấp huyện</span></h1><menu></menu></header>'
                     '<div class="portlet-content"><a href="/linh-vuc.html"><img alt="" src="/a.png"></a>'
                     '</div></section></body></html>')
    assert [link.label for link in facts.links] == ["TTHC cấp huyện"]
