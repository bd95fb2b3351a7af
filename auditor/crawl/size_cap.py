"""Keep the first DOWNLOAD_MAXSIZE bytes of an oversized page instead of losing it all.

Scrapy cancels a download larger than DOWNLOAD_MAXSIZE, so a 50 MB page (an endless news list,
a page with megabytes of inline images) would leave no facts at all, and the rules would report
its sections missing. A government page's masthead, menus and first articles sit at its start,
so this middleware reads up to the cap, stops the transfer there (Scrapy's ``StopDownload``
from the ``bytes_received`` signal) and passes the head on, marked ``size_capped``: the spider
records the page as truncated and extracts facts from what it has.

Scrapy's own cap is lifted for the transfer only: it is put back on the request before the
response reaches HttpCompressionMiddleware (this one sits nearer the downloader), which
applies it to the *decompressed* size, so gzip and deflate bombs are still refused.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import StopDownload

CAP_KEY = "size_cap"  # the cap of this request, in bytes
RECEIVED_KEY = "size_cap_received"


class SizeCapMiddleware:
    def __init__(self, crawler) -> None:
        self.default_cap = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        crawler.signals.connect(self.bytes_received, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        meta = request.meta
        if "site" not in meta or request.method == "HEAD":
            return None
        if CAP_KEY not in meta:  # a redirect or retry copies the meta: keep the first cap
            meta[CAP_KEY] = meta.get("download_maxsize", self.default_cap)
        meta[RECEIVED_KEY] = 0
        if meta[CAP_KEY]:
            meta["download_maxsize"] = 0  # the transfer is stopped here, not cancelled
        return None

    def bytes_received(self, data, request, spider=None):
        cap = request.meta.get(CAP_KEY)
        if not cap:
            return
        received = request.meta[RECEIVED_KEY] = request.meta.get(RECEIVED_KEY, 0) + len(data)
        if received >= cap:
            raise StopDownload(fail=False)

    def process_response(self, request, response, spider=None):
        cap = request.meta.get(CAP_KEY)
        if not cap:
            return response
        request.meta["download_maxsize"] = cap  # for HttpCompressionMiddleware, next in line
        if "download_stopped" in response.flags and len(response.body) >= cap:
            request.meta["size_capped"] = cap
            return response.replace(body=response.body[:cap])
        return response
