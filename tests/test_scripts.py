"""Static reading of scripts (spiders/scripts.py): what injected code does, decoded, bounded."""

from __future__ import annotations

import base64

from auditor.spiders.scripts import MAX_LAYERS, SIGNAL_LIMIT, decode_layers, scan_script

PAGE = "https://huonglap.quangtri.gov.vn/tin-tuc.html"
SPAM = "https://nhacai88.example.com/"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_a_referrer_conditioned_redirect_hidden_in_hex_escapes():
    hidden = "".join(f"\\x{ord(c):02x}" for c in SPAM)
    code = f"var _0x=['{hidden}'];if(document.referrer.indexOf('google')>0){{window.location.href=_0x[0];}}"
    [signal] = scan_script(code, PAGE)
    assert signal["kind"] == "redirect" and signal["targets"] == [SPAM]
    assert signal["conditions"] == ["referrer"] and SPAM in signal["decoded"]


def test_a_library_that_reads_the_user_agent_elsewhere_is_not_conditioned():
    filler = "var a=1;" * 200  # the two uses are far apart, as in a minified library
    code = (f"var ie=/MSIE/.test(navigator.userAgent);{filler}"
            "div.innerHTML='<a href=\"http://www.w3.org/1999/xhtml\"></a>';")
    signals = scan_script(code, PAGE)
    assert signals and all(signal["conditions"] == [] for signal in signals)


def test_encoding_is_decoded_only_so_deep():
    text = f'<a href="{SPAM}">nhà cái uy tín</a>'
    layered = text
    for _ in range(MAX_LAYERS + 1):
        layered = b64(layered)
    plain = [p for _, p in decode_layers(f"document.write(atob('{layered}'))")]
    assert len(plain) == MAX_LAYERS and text not in plain  # the fourth layer is left encoded
    once = [p for _, p in decode_layers(f"document.write(atob('{b64(text)}'))")]
    assert once == [text]


def test_a_huge_hostile_script_is_read_within_bounds():
    code = ("location.href='https://a.example.com/';document.write('<a href=\"https://b.example.com/\">x</a>');"
            + "'" + b64("x" * 60) + "';") * 50_000  # 8 MB
    signals = scan_script(code, PAGE)
    assert 0 < len(signals) <= SIGNAL_LIMIT


def test_an_honest_script_says_nothing():
    assert scan_script("$(function(){ $('.menu').toggleClass('open'); });", PAGE) == []
    assert scan_script("if(/Android/.test(navigator.userAgent)){location.href='/m/';}", PAGE) == []
