"""MED-004: Embedded video comes from the agency's own or a licensed channel.

An iframe, embed, object or video from a video platform (``video_hosts``: YouTube, Facebook
video, TikTok ...) shows a channel the facts cannot identify. Known embeds of the agency's
own or licensed channels are listed in the config (``[lists] video_allow``, URL prefixes) and
pass. One finding per video and site, counted over the pages that embed it.
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from auditor.judge.findings import Finding
from auditor.rules._web import host_of, in_list
from auditor.rules.base import Rule, RuleContext

EMBED_KINDS = ("iframe", "embed", "object", "video", "source")


def video_host(src: str, ctx: RuleContext) -> str:
    """The listed platform an embed comes from; entries may carry a path ("facebook.com/plugins/video")."""
    host, path = host_of(src), urlsplit(src).path
    for entry in ctx.words("video_hosts"):
        entry_host, _, entry_path = entry.partition("/")
        if in_list(host, (entry_host,)) and path.startswith("/" + entry_path if entry_path else "/"):
            return entry
    return ""


class VideoEmbed(Rule):
    id = "MED-004"
    scope = "page"
    reads = ("final_url", "media")
    lists = ("video_allow", "video_hosts")
    severity = "info"  # no text forbids embedding a video (RULES.md: a quality criterion, info)
    title_vi = "Video nhúng từ kênh của cơ quan hoặc được phép sử dụng"
    title_en = "Embedded videos come from the agency's own or licensed channels"
    failure_vi = "Trang nhúng video từ kênh không phải của cơ quan nhà nước"
    remedy_vi = ("Đề nghị chỉ nhúng video từ kênh chính thức của cơ quan hoặc video đã được chủ sở "
                 "hữu cho phép; gỡ bỏ video không rõ bản quyền.")
    remedy_en = ("Please embed only videos from the agency's official channel or licensed ones; "
                 "remove videos of unknown rights.")

    def check(self, facts, ctx: RuleContext) -> Iterator[Finding]:
        for media in facts.media:
            if media.kind not in EMBED_KINDS or media.hidden:
                continue
            platform = video_host(media.src, ctx)
            if not platform or any(media.src.startswith(p) for p in ctx.words("video_allow")):
                continue
            video = media.src.split("?", 1)[0]
            yield self.finding(facts, f"Trang nhúng video từ {platform} không rõ là kênh của cơ quan: "
                                      f"{video}.",
                               url=facts.final_url, key=video, grouped=True, src=media.src,
                               element=media.kind, platform=platform)
