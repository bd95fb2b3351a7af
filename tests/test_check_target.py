"""What `auditor check URL` infers about a site when the options leave it out."""

from __future__ import annotations

import pytest

from auditor.app.check import level_from_text, target_for, unit_name
from auditor.errors import UsageError


@pytest.mark.parametrize("url, domain, expected", [
    ("https://huonglap.quangtri.gov.vn/", "", ("huonglap", "xa", "URL")),
    ("https://www.quangtri.gov.vn/", "", ("quangtri", "tinh", "URL")),
    ("https://quangtri.gov.vn/index.php", "", ("quangtri", "tinh", "URL")),
    ("https://quangtri.gov.vn/xa-huong-lap/", "", ("xa-huong-lap", "xa", "URL")),
    ("https://quangtri.gov.vn/xa-a/trang-chu.html", "", ("xa-a", "xa", "URL")),
    ("http://127.0.0.1:8080/", "", ("site", "xa", "default")),
    ("http://127.0.0.1:8080/Xã-Ái/", "", ("xa-ai", "xa", "default")),
    ("http://127.0.0.1:8080/", "huonglap.quangtri.gov.vn", ("huonglap", "xa", "URL")),
    ("http://staging.local:8080/", "quangtri.gov.vn", ("quangtri", "tinh", "URL")),
])
def test_id_and_level_from_the_url(url, domain, expected):
    target = target_for(url, domain=domain)
    assert (target.site_id, target.level, target.level_from) == expected
    assert target.registry().sites[0].domain == domain


def test_the_same_id_whatever_the_port():
    ids = {target_for(f"http://127.0.0.1:{port}/xa-a/").site_id for port in (8000, 40123, 51234)}
    assert ids == {"xa-a"}


@pytest.mark.parametrize("text, level, name", [
    ("Trang chủ - UBND xã Hướng Lập - tỉnh Quảng Trị", "xa", "UBND xã Hướng Lập"),
    ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH QUẢNG TRỊ", "tinh", "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH QUẢNG TRỊ"),
    ("Trang thông tin điện tử thị xã Quảng Trị", "huyen", "Trang thông tin điện tử thị xã Quảng Trị"),
    ("UBND Phường Đông Hà | Trang chủ", "xa", "UBND Phường Đông Hà"),
    ("UBND huyện Hướng Hóa", "huyen", "UBND huyện Hướng Hóa"),
    ("Trang chủ", "", ""),
    # NFD (decomposed) Vietnamese, as some CMSs write it
    ("UBND xa\u0303 A", "xa", "UBND xa\u0303 A"),
])
def test_level_and_name_from_a_title(text, level, name):
    assert level_from_text(text) == level
    assert unit_name(text) == name


@pytest.mark.parametrize("url, domain, message", [
    ("quangtri.gov.vn", "", "did you mean https://quangtri.gov.vn?"),
    ("http:///xa-a/", "", "has no host name"),
    ("http://127.0.0.1:8080/", "not a domain", "--domain 'not a domain'"),
])
def test_bad_urls_and_domains(url, domain, message):
    with pytest.raises(UsageError, match=message.replace("?", r"\?").replace(".", r"\.")):
        target_for(url, domain=domain)
