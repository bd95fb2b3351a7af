"""Bytes to text: the TCVN3 codec, charset detection for Vietnamese pages, binary sniffing."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from auditor.spiders import tcvn3
from hypothesis import given, settings, strategies as st

from auditor.spiders.charset import _SIGNATURES, binary_kind, decode_html, is_vietnamese_syllable, vietnamese_score

LOWER = "áàảãạăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ"
SENTENCE = "Ủy ban nhân dân xã Hướng Lập thông báo lịch tiếp công dân và kết quả giải quyết thủ tục hành chính"


def test_tcvn3_decodes_every_vietnamese_letter_of_the_vn3_table():
    assert len(LOWER) == 67 and len(tcvn3.TCVN3_BYTES) == 74
    assert "ĂÂĐÊÔƠƯ".encode("tcvn3") == b"\xa1\xa2\xa7\xa3\xa4\xa5\xa6"
    encoded = LOWER.encode("tcvn3")
    assert len(encoded) == 67 and all(byte in tcvn3.TCVN3_BYTES for byte in encoded)
    assert encoded.decode("tcvn3") == LOWER
    # The mojibake every Vietnamese office knows: TCVN3 bytes shown in a Western font.
    assert "Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("latin-1").decode("tcvn3") == \
        "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert "§éc lËp - Tù do - H¹nh phóc".encode("latin-1").decode("tcvn3") == "Độc lập - Tự do - Hạnh phúc"
    assert "ng\xadêi".encode("latin-1").decode("tcvn3") == "người"  # 0xAD: the soft hyphen is "ư"


@pytest.mark.parametrize("label", ["TCVN3", "tcvn", "x-viet-tcvn3", "ABC", "VN3"])
def test_the_tcvn3_codec_answers_to_the_labels_pages_use(label):
    assert codecs.lookup(label).name == "tcvn3"


def test_ascii_and_unassigned_bytes_keep_their_latin_1_meaning():
    data = bytes(range(256))
    assert tcvn3.decode(data)[:128] == data[:128].decode("ascii")
    assert tcvn3.decode(b"\xe0") == "à"  # unassigned in VN3: as Latin-1 draws it


def cp1258(text: str) -> bytes:
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
                   + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize("body, content_type, encoding, how", [
    (page(SENTENCE).encode(), "", "utf-8", "detected"),
    (page(SENTENCE).encode(), "text/html; charset=utf-8", "utf-8", "declared"),
    (page(SENTENCE).encode(), "text/html; charset=iso-8859-1", "utf-8", "detected"),
    (cp1258(page(SENTENCE, '<meta charset="windows-1258">')), "", "cp1258", "declared"),
    (cp1258(page(SENTENCE)), "", "cp1258", "detected"),
    (cp1258(page(SENTENCE)), "text/html; charset=utf-8", "cp1258", "detected"),
    (page(SENTENCE.lower()).encode("tcvn3"), "", "tcvn3", "detected"),
    (page(SENTENCE.lower(), '<meta charset="TCVN3">').encode("tcvn3"), "", "tcvn3", "declared"),
    (page(SENTENCE.lower()).encode("tcvn3"), "text/html; charset=windows-1252", "tcvn3", "detected"),
])
def test_vietnamese_is_decoded_whatever_the_declaration_says(body, content_type, encoding, how):
    decoded = decode_html(body, content_type)
    assert (decoded.encoding, decoded.how) == (encoding, how)
    expected = SENTENCE.lower() if encoding == "tcvn3" else SENTENCE
    assert expected in decoded.text and unicodedata.is_normalized("NFC", decoded.text)


def test_windows_1258_combining_tones_come_out_composed():
    decoded = decode_html(cp1258(page("Việt")), "text/html; charset=windows-1258")
    assert "Việt" in decoded.text and "\u0323" not in decoded.text


def test_western_pages_stay_western():
    body = page("Café déjà vu, naïve façade, l'élève à Noël").encode("cp1252")
    assert decode_html(body, "").encoding == "cp1252"


def test_a_page_cut_inside_a_character_is_still_utf_8():
    body = page(SENTENCE).encode()[:-20] + "ệ".encode()[:2]
    assert decode_html(body, "").encoding == "utf-8"


def test_a_bom_wins():
    decoded = decode_html("\ufeff<p>Việt</p>".encode("utf-16"), "text/html; charset=iso-8859-1")
    assert decoded.encoding.startswith("utf-16") and decoded.how == "bom" and "Việt" in decoded.text


@pytest.mark.parametrize("word, ok", [("người", True), ("nghiêng", True), ("quyết", True), ("gì", True),
                                      ("Việt", True), ("viêòt", False), ("høíng", False), ("déjà", False),
                                      ("ệệ", False)])
def test_vietnamese_syllables(word, ok):
    assert is_vietnamese_syllable(word) is ok


def test_mojibake_scores_below_the_real_text():
    assert vietnamese_score(SENTENCE) > 10
    assert vietnamese_score(SENTENCE.lower().encode("tcvn3").decode("cp1252")) < 0


@pytest.mark.parametrize("body, kind", [
    (b"\x89PNG\r\n\x1a\n....", "a PNG image"), (b"%PDF-1.7 ...", "a PDF document"),
    (b"PK\x03\x04...", "a ZIP archive"), (bytes(range(32)) * 10, "binary data"),
    (b"<html>\x00<p>a few NULs in a sloppy page\x00</p></html>", ""), (b"", ""),
])
def test_binary_served_as_html_is_recognised(body, kind):
    assert binary_kind(body) == kind


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=300) | st.lists(st.sampled_from(b"\x00\x01\t\n\x1b\x1f a\xc3"), max_size=300).map(bytes))
def test_binary_data_is_told_by_its_control_bytes_counted_one_by_one(head):
    """binary_kind's count in C is the count of the bytes below 32 that text does not use."""
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1b")
    expected = "binary data" if head and controls > len(head) / 10 else ""
    magic = next((kind for prefix, kind in _SIGNATURES if head.startswith(prefix)), None)
    assert binary_kind(head) == (magic if magic is not None else expected)
