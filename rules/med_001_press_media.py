"""MED-001: No image, video or frame hot-linked from a press outlet (``press_domains``) or from
the image CDN of one (``press_cdns``: znews-photo.zingcdn.me, photo-cms-*.zadn.vn, bmcdn.me ...).

A picture loaded from vnecdn.net or cdn.tuoitre.vn was taken from the press without a licence
the site can show. One finding per press domain (or CDN host) and site, counted over its pages.
"""

from __future__ import annotations

from typing import Iterator

from auditor.judge.findings import Finding
from auditor.rules._web import host_of, is_press, press_cdn
from auditor.rules.base import Rule, RuleContext

MEDIA_KINDS = ("img", "video", "audio", "iframe", "embed", "object", "source")
KIND_VI = {"img": "ảnh", "iframe": "khung nhúng", "video": "video", "audio": "âm thanh",
           "embed": "nội dung nhúng", "object": "nội dung nhúng", "source": "video"}


class PressMedia(Rule):
    id = "MED-001"
    scope = "page"
    reads = ("final_url", "media")
    lists = ("press_cdns", "press_domains")
    severity = "warning"
    title_vi = "Không sử dụng ảnh, video lấy trực tiếp từ trang báo chí"
    title_en = "No images or videos hot-linked from press sites"
    failure_vi = "Trang dùng ảnh, video lấy trực tiếp từ báo chí"
    remedy_vi = ("Đề nghị kiểm tra kỹ điều kiện bản quyền trước khi đăng tải ảnh, video của cơ quan "
                 "báo chí; gỡ bỏ hoặc thay bằng ảnh, video do cơ quan tự thực hiện.")
    remedy_en = ("Please check the licence before publishing pictures or videos of the press; "
                 "remove them or use the agency's own.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        for media in facts.media:
            if media.kind not in MEDIA_KINDS or media.hidden:
                continue
            host = host_of(media.src)
            press, cdn = is_press(host, ctx), ""
            if not press:
                cdn = press = press_cdn(host, ctx)
            if press:
                where = f"máy chủ ảnh của báo chí {cdn}" if cdn else f"trang báo {press}"
                yield self.finding(
                    facts, f"Trang dùng {KIND_VI.get(media.kind, 'nội dung')} lấy trực tiếp từ "
                           f"{where}.",
                    url=facts.final_url, key=press, grouped=True, src=media.src,
                    element=media.kind, region=media.region)
