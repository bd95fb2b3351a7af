"""A layout fixed at desktop width (spiders/features.py: _fixed_width), in a <style> sheet or
on the page's frame, whatever the shortcuts that skip sheets and elements without one."""

from lxml import html

from auditor.spiders.features import _fixed_width


def fixed(body: str, css: str = "") -> str:
    root = html.fromstring(f"<html><head><style>{css}</style></head><body>{body}</body></html>")
    return _fixed_width(list(root.iter("style")), root.find(".//body"))


def test_a_sheet_fixes_the_frame():
    assert fixed("", "body { margin: 0; width: 1000px }") == "body {width: 1000px}"
    assert fixed("", "#wrapper{MIN-WIDTH : 1024.5PX}") == "#wrapper {MIN-WIDTH : 1024.5PX}"
    assert fixed("", ".container{wİdth:980px}") == ".container {wİdth:980px}"  # IGNORECASE's İ


def test_a_sheet_without_a_wide_frame_fixes_nothing():
    assert fixed("", "body{width:959px} .wrap{width:100%} .x{max-width:1200px}") == ""
    assert fixed("", "p.note { width: 1200px }") == ""  # no frame's selector
    assert fixed("", "@media (min-width: 1200px) { body { width: 1170px } }") == ""
    assert fixed("", ".wrap{width:123456px}") == ""  # more than five digits is no width
    assert fixed("", ".a{width:300px} .b{border-width:2000px} body{width:990px}") == "body {width:990px}"


def test_the_frame_fixed_by_its_attributes_shallowest_first():
    assert fixed('<div><div><table width="1000"></table></div></div><center style="width:1200px"></center>') \
        == '<center style="width:1200px">'
    assert fixed('<!-- x --><table width=" 980 px"></table>') == '<table width=" 980 px">'
    assert fixed('<div style="width: 960px; height: 2000px"></div>') == '<div style="width: 960px">'
    assert fixed('<div width="100%" style="width:50%"></div><p style="width:1200px"></p>') == ""
    # four levels under <body> are the frame; deeper elements are the page's content
    assert fixed("<div>" * 3 + '<div style="width:1200px"></div>' + "</div>" * 3) == '<div style="width:1200px">'
    assert fixed("<div>" * 4 + '<div style="width:1200px"></div>' + "</div>" * 4) == ""
