"""The IPv6 record of a site's host (auditor/crawl/ipv6.py), through the auditor's name pins."""

from auditor.crawl.ipv6 import check_ipv6, public_host


def test_a_name_pinned_to_ipv6_has_aaaa_and_one_pinned_to_ipv4_has_none():
    records = check_ipv6(
        [("a", "http://127.0.0.1:4001/", "huonglap.quangtri.gov.vn"),
         ("b", "http://127.0.0.1:4002/", "ango.quangtri.gov.vn")],
        {"HuongLap.QuangTri.gov.vn": "[2001:db8::11]", "ango.quangtri.gov.vn": "203.0.113.21"}, 2)
    assert records["a"] == {"host": "huonglap.quangtri.gov.vn", "addresses": ["2001:db8::11"], "pinned": True}
    assert records["b"] == {"host": "ango.quangtri.gov.vn", "addresses": [], "pinned": True}


def test_an_ip_literal_answers_for_itself():
    records = check_ipv6([("v6", "http://[::1]:8080/", ""), ("v4", "http://127.0.0.1:8080/", "")], {}, 2)
    assert records["v6"]["addresses"] == ["::1"] and records["v4"]["addresses"] == []


def test_the_public_host_is_the_registry_domain_when_there_is_one():
    assert public_host("http://127.0.0.1:4001/x/", "Tanlap.quangtri.gov.vn.") == "tanlap.quangtri.gov.vn"
    assert public_host("https://quangtri.gov.vn/xa/", "") == "quangtri.gov.vn"


def test_a_name_that_does_not_resolve_is_not_judged():
    record = check_ipv6([("x", "http://no-such-host.invalid/", "")], {}, 3)["x"]
    assert "error" in record and "addresses" not in record
