"""The comparison of a variant fetch with the auditor's own (spiders/variant_diff.py): ordinary
differences between two fetches of an honest page leave nothing; what only the variant shows is
kept."""

from __future__ import annotations

from auditor.spiders.facts import Link, PageFacts
from auditor.spiders.variant_diff import differences

URL = "https://huonglap.quangtri.gov.vn/"


def facts(text: str, links=(), hidden: str = "", redirects=(), final: str = URL) -> PageFacts:
    return PageFacts(site="x", url=URL, final_url=final, status=200, is_html=True, text=text,
                     hidden_text=hidden, links=[Link(url=u, text=t, region="footer") for u, t in links],
                     redirects=list(redirects))


def test_dates_counters_tokens_and_own_links_are_ordinary():
    own = facts("Hôm nay: 03/12/2026 14:25\nLượt truy cập: 120345\ncsrf a8F3kQ9zLm2Xp7Rt5Vb1Nc4Hd6Jg",
                links=[(URL + "tin-tuc.html", "Tin tức")])
    other = facts("Hôm nay: 04/12/2026 09:01\nLƯỢT TRUY CẬP:   120346\ncsrf Zy7Wq2Lp9Xk3Mn5Bv8Cr1Td4Fs6Gh",
                  links=[(URL + "tin-tuc.html", "Tin tức"), (URL + "hoi-dap.html", "Hỏi đáp")])
    assert differences(own, other, "mobile-browser") is None


def test_what_only_the_variant_shows_is_kept_with_where_it_ended():
    own = facts("Trang chủ\nTin tức")
    other = facts("Trang chủ\nTin tức\nNhà cái uy tín", links=[("https://nhacai88.example.com/", "nhà cái")],
                  hidden="nổ hũ đổi thưởng", redirects=[URL, "https://nhacai88.example.com/"],
                  final="https://nhacai88.example.com/")
    diff = differences(own, other, "googlebot")
    assert diff["variant"] == "googlebot" and diff["text"] == "Nhà cái uy tín"
    assert diff["links"][0]["url"] == "https://nhacai88.example.com/"
    assert diff["hidden_text"] == "nổ hũ đổi thưởng"
    assert diff["redirects"] == [URL, "https://nhacai88.example.com/"]
