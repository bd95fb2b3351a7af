"""Every text answer gets its charset decided once, by ``spiders/charset.py``, before anything
reads it: the meta refresh scan, robots.txt, the spider.

Scrapy would trust the page: a hostile ``<meta charset="zlib">`` (or ``idna``, ``undefined``)
makes ``response.text`` raise, in Scrapy's own MetaRefreshMiddleware as anywhere else, and the
page (or a whole site, when it is robots.txt) would be lost. TCVN3 and windows-1258 pages
without a declaration would read as mojibake. Here the response is given the encoding
``decode_html`` chose, and the decoded text (NFC) rides in ``meta["decoded"]`` for the spider.

It sits after HttpCompressionMiddleware (590) on the way in: it reads decompressed bodies.
"""

from __future__ import annotations

from scrapy.http import TextResponse

from auditor.spiders.charset import binary_kind, decode_html

DECODED_KEY = "decoded"


class DecodeMiddleware:
    def process_response(self, request, response, spider=None):
        request.meta.pop(DECODED_KEY, None)  # a redirect or retry copied an earlier answer's
        if "site" not in request.meta or not isinstance(response, TextResponse) \
                or request.method == "HEAD":
            return response
        if binary_kind(response.body):  # not text: recorded as such, but read safely
            return response.replace(encoding="latin-1")
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        decoded = decode_html(response.body, content_type)
        request.meta[DECODED_KEY] = decoded
        answer = response.replace(encoding=decoded.encoding)
        if decoded.is_body_as_utf8 and decoded.encoding == "utf-8":
            # Scrapy's response.text (read by the meta refresh checks) would decode the whole
            # body again to read its first 4 KB; for a UTF-8 body without a BOM it is this very
            # text (w3lib decodes valid UTF-8 as Python does), so it is handed over.
            answer._cached_ubody = decoded.text
        return answer
