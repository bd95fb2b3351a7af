"""TEC-001: HTTPS, with HTTP redirected to it, and no mixed content.

The site's scheme is its registry URL's; the spider probes the other scheme once
(``sites.probe``):
- an ``http://`` site whose ``https://`` probe failed has no HTTPS (error, key ``no-https``);
- an ``http://`` site that also answers on HTTPS, or an ``https://`` site whose ``http://`` form
  answers 200 instead of redirecting, lacks the redirect (warning, key ``no-redirect``);
- an ``https://`` page loading scripts, frames or media over ``http://`` has mixed content
  (``check_page``; warning, one finding per site, counted over pages).
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from auditor.judge.findings import Finding
from auditor.rules.base import Rule, RuleContext

MIXED_KINDS = ("img", "iframe", "video", "audio", "embed", "object", "source")


def redirects_to_https(probe: dict) -> bool:
    return 300 <= probe.get("status", 0) < 400 and probe.get("location", "").startswith("https://")


class Https(Rule):
    id = "TEC-001"
    scope = "site"
    reads = ("final_url", "home", "home.final_url", "media", "probe", "scripts", "url")
    severity = "error"
    title_vi = "Sử dụng HTTPS, tự động chuyển HTTP sang HTTPS, không có nội dung hỗn hợp"
    title_en = "Uses HTTPS, redirects HTTP to it, no mixed content"
    failure_vi = "Trang chưa bảo đảm kết nối an toàn (HTTPS)"
    remedy_vi = ("Đề nghị triển khai chứng thư số SSL/TLS, chuyển hướng toàn bộ truy cập HTTP sang "
                 "HTTPS và tải mọi tài nguyên qua HTTPS.")
    remedy_en = "Please serve the site over HTTPS, redirect HTTP to it and load every resource over HTTPS."

    def check(self, site, ctx: RuleContext) -> Iterator[Finding]:
        scheme = urlsplit(site.url).scheme
        probe = site.probe or {}
        if scheme == "http":
            home = site.home
            if home is not None and home.final_url.startswith("https://"):
                return  # the home page redirected to HTTPS
            if not probe or not 200 <= probe.get("status", 0) < 400:
                yield self.finding(site, "Trang không hỗ trợ HTTPS (chỉ truy cập được qua HTTP).",
                                   url=site.url, key="no-https", probe=probe)
            else:
                yield self.finding(site, "Trang có HTTPS nhưng truy cập HTTP không được chuyển sang HTTPS.",
                                   url=site.url, key="no-redirect", severity="warning", probe=probe)
        elif probe.get("status") and 200 <= probe["status"] < 300 and not redirects_to_https(probe):
            yield self.finding(site, "Truy cập qua HTTP không được chuyển hướng sang HTTPS.",
                               url=probe.get("url") or site.url, key="no-redirect",
                               severity="warning", probe=probe)

    def check_page(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        if not facts.final_url.startswith("https://"):
            return
        insecure = [src for src in facts.scripts if src.startswith("http://")]
        insecure += [m.src for m in facts.media if m.kind in MIXED_KINDS and m.src.startswith("http://")]
        if insecure:
            yield self.finding(facts, f"Trang HTTPS tải {len(insecure)} tài nguyên qua HTTP (nội dung hỗn hợp).",
                               url=facts.final_url, key="mixed-content", grouped=True,
                               severity="warning", sources=insecure[:5])
