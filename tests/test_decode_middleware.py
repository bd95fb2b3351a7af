"""auditor/crawl/decode.py: the response's text is the decoded text when that is what Scrapy
would have read, and Scrapy's own reading otherwise."""

from scrapy.http import HtmlResponse, Request

from auditor.crawl.decode import DECODED_KEY, DecodeMiddleware

URL = "https://xa.example.gov.vn/"
PAGE = "<html><head><meta http-equiv='refresh' content='0; url=/mới'></head><body>Việt</body></html>"


def _through(body: bytes, content_type: str = "text/html; charset=utf-8"):
    request = Request(URL, meta={"site": "xa"})
    response = HtmlResponse(URL, body=body, headers={"Content-Type": content_type}, request=request)
    answer = DecodeMiddleware().process_response(request, response)
    # Scrapy's own decoding of the same bytes, for comparison
    scrapy_text = HtmlResponse(URL, body=body, encoding=answer.encoding).text
    return answer, request.meta[DECODED_KEY], scrapy_text


def test_utf8_body_text_handed_over():
    answer, decoded, scrapy_text = _through(PAGE.encode())
    assert answer.text is decoded.text  # no second decoding
    assert answer.text == scrapy_text


def test_ascii_body_under_a_single_byte_label_left_to_scrapy():
    answer, decoded, scrapy_text = _through(b"<p>plain</p>", "text/html; charset=cp037")
    assert answer.encoding != "utf-8"
    assert answer.text == scrapy_text and answer.text is not decoded.text


def test_decomposed_body_keeps_scrapys_text():
    body = PAGE.replace("Việt", "Vie\u0323\u0302t").encode()
    answer, decoded, scrapy_text = _through(body)
    assert answer.text == scrapy_text != decoded.text  # Scrapy's, not the NFC text


def test_bom_body_left_to_scrapy():
    answer, decoded, scrapy_text = _through(b"\xef\xbb\xbf" + PAGE.encode())
    assert answer.text == scrapy_text and answer.text is not decoded.text
