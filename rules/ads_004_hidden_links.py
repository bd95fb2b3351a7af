"""ADS-004: No links hidden by CSS or markup to outside domains: the mark of SEO-spam injection.

The extractor marks a link hidden when it or a parent is hidden (``display:none``,
``visibility:hidden``, zero size, off-screen positioning, ``hidden``, a class the page's own
``<style>`` hides). Counted when it leads outside the site and the registry to a domain that is
not a public body's, the press's or a platform's (a hidden mobile menu may hold the agency's
Facebook page). Responsive designs hide and show copies of a block: hence a warning; gambling
words in such links make it ADS-003, an error. One finding per hidden block, as a reader
counts causes: the hidden outside links of one region of the page (an injected footer block on
every page is one finding, counted over pages; the same links hidden in an article's body are
another), naming their domains.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._web import host_of, is_commercial, registrable
from auditor.rules.base import Rule, RuleContext


class HiddenLinks(Rule):
    id = "ADS-004"
    scope = "page"
    reads = ("final_url", "links")
    lists = ("platform_domains", "press_domains", "public_domains", "public_suffixes")
    severity = "warning"
    title_vi = "Không có liên kết ẩn đến trang bên ngoài (dấu hiệu bị chèn mã SEO)"
    title_en = "No hidden links to outside domains (a sign of SEO-spam injection)"
    failure_vi = "Trang có liên kết ẩn đến trang bên ngoài"
    remedy_vi = ("Đề nghị gỡ bỏ các liên kết ẩn, rà soát mã nguồn giao diện và tài khoản quản trị "
                 "để xác định nguồn gốc mã bị chèn.")
    remedy_en = "Please remove the hidden links and audit the theme code and admin accounts for the injection."

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        blocks: dict[str, list] = {}
        for link in facts.links:
            if link.hidden and is_commercial(link.url, ctx):
                blocks.setdefault(link.region, []).append(link)
        for region, links in blocks.items():
            domains = list(dict.fromkeys(registrable(host_of(link.url)) for link in links))
            yield self.finding(facts, f"{len(links)} liên kết ẩn đến {', '.join(domains[:5])}.",
                               url=facts.final_url, key=f"{region}:{','.join(sorted(domains))}",
                               grouped=True, href=links[0].url, text=links[0].text[:120],
                               region=region, domains=domains[:10],
                               hrefs=[link.url for link in links[:10]])
