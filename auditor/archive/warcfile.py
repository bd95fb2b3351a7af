"""One site's gzipped WARC file of one audit: ``<db>.warc/<audit>/<site>.warc.gz``.

Each exchange is a request record and a response record, each its own gzip member, written and
flushed at once: a ``kill -9`` loses at most the member being written, never one the store
already points to (the store commits a page after its record reached the operating system).

On opening, the file is cut back to the end of the last record the store points to. This
removes a torn member left by a kill, and the records of pages fetched but never stored, which
a resumed audit fetches again: so a page is archived once (docs/evidence.md says where this can
still fail). The store never holds bodies; the file does.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from dataclasses import dataclass
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_VERSION = "WARC/1.1"
GZIP_LEVEL = 2  # docs/evidence.md: 0.97 -> 0.70 ms per synthetic page against 4, files 8-10 % larger
ROLE_HEADER = "WARC-Auditor-Role"  # an extension field: recorder.ARCHIVED_ROLES
# The body reaches us de-chunked: the header would make a reader de-chunk it again.
DROPPED_HEADERS = {b"transfer-encoding"}


def archive_root(db: str | Path) -> Path:
    """Where an audit store's archives live: beside it, ``<db>.warc``."""
    return Path(f"{db}.warc")


def site_file(audit_id: int, site_key: str) -> str:
    """A site's WARC, relative to the archive root: what a page row keeps."""
    return f"{audit_id}/{site_key}.warc.gz"


def sha256_hex(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class Archived:
    """Where a response was archived, as a page row keeps it (spiders/facts.py)."""

    warc_file: str
    warc_record_id: str
    warc_offset: int
    warc_date: str
    payload_sha256: str


def record_extents(path: Path) -> list[tuple[int, int]]:
    """(offset, length) of each whole record, up to the first torn one."""
    extents = []
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                records.read_to_end(record)
                extents.append((records.get_record_offset(), records.get_record_length()))
    except Exception:  # noqa: BLE001 - a torn tail (gzip, EOF, a half-written header) ends the scan
        pass
    return extents


def recover(path: Path, last_stored_offset: int | None) -> None:
    """Cut the file back to the end of the record at ``last_stored_offset`` (the last one the
    store points to); with none, to nothing. A torn tail goes with the cut."""
    if not path.exists():
        return
    keep = 0
    if last_stored_offset is not None:
        whole = record_extents(path)
        ends = [offset + length for offset, length in whole if offset == last_stored_offset]
        keep = ends[0] if ends else (whole[-1][0] + whole[-1][1] if whole else 0)
    if path.stat().st_size != keep:
        with path.open("r+b") as stream:
            stream.truncate(keep)


class SiteWarc:
    """Appends exchanges to one site's WARC file."""

    def __init__(self, root: Path, relative: str, last_stored_offset: int | None):
        self.relative = relative
        self.path = root / relative
        self.path.parent.mkdir(parents=True, exist_ok=True)
        recover(self.path, last_stored_offset)
        self.stream = self.path.open("ab")
        self.writer = WARCWriter(BytesIO(), gzip=False, warc_version=WARC_VERSION)  # makes records
        if self.stream.tell() == 0:
            self.write_member(self.writer.create_warcinfo_record(
                self.path.name, {"software": "vngov-auditor", "format": "WARC File Format 1.1"}))
            self.stream.flush()

    def close(self) -> None:
        self.stream.close()

    def write_member(self, record) -> None:
        """The record as its own gzip member, at GZIP_LEVEL: warcio's own gzip writer uses level
        9, which costs a quarter more CPU than 6 on HTML for 0.5 % smaller files; 2 (zlib's fast
        deflate) a third to a half of 6's CPU, for files 11-17 % larger (docs/evidence.md)."""
        plain = BytesIO()
        self.writer.out = plain
        self.writer.write_record(record)
        compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.stream.write(compressor.compress(plain.getvalue()) + compressor.flush())

    def write(self, request_line: tuple[str, str, str], request_headers: list[tuple[str, str]],
              response, role: str, truncated: bool) -> Archived:
        """Write the exchange; the response's body is archived as the downloader gave it."""
        url = response.url
        payload = response.body
        digest = hashlib.sha256(payload)
        warc_headers = {
            "WARC-Payload-Digest": "sha256:" + base64.b32encode(digest.digest()).decode("ascii"),
            ROLE_HEADER: role,
        }
        if truncated:
            warc_headers["WARC-Truncated"] = "length"
        status = response.status
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
        http = StatusAndHeaders(f"{status} {phrase}".strip(), response_headers(response),
                                protocol=response_protocol(response))
        answer = self.writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                length=len(payload), http_headers=http,
                                                warc_headers_dict=warc_headers)
        method, target, protocol = request_line
        asked = self.writer.create_warc_record(
            url, "request", payload=BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(f"{method} {target} {protocol}", request_headers,
                                          protocol=protocol, is_http_request=True),
            warc_headers_dict={ROLE_HEADER: role})
        asked.rec_headers.replace_header("WARC-Date", answer.rec_headers.get_header("WARC-Date"))
        asked.rec_headers.add_header("WARC-Concurrent-To", answer.rec_headers.get_header("WARC-Record-ID"))
        self.write_member(asked)  # request first, then the response
        offset = self.stream.tell()
        self.write_member(answer)
        self.stream.flush()  # to the operating system before the store can point to it
        return Archived(self.relative, answer.rec_headers.get_header("WARC-Record-ID"), offset,
                        answer.rec_headers.get_header("WARC-Date"), digest.hexdigest())


def response_headers(response) -> list[tuple[str, str]]:
    """Scrapy's headers (names normalised, repeats grouped), one line per value."""
    lines = []
    for name, values in response.headers.items():
        if name.lower() in DROPPED_HEADERS:
            continue
        for value in values:
            lines.append((name.decode("latin-1"), value.decode("latin-1")))
    return lines


def response_protocol(response) -> str:
    protocol = getattr(response, "protocol", None) or "HTTP/1.1"
    return protocol.upper() if protocol.lower().startswith("http/") else "HTTP/1.1"


@dataclass(frozen=True)
class Answer:
    """An archived response as a reader needs it: body decoded from its content encoding."""

    url: str
    captured_at: str
    content_type: str
    body: bytes
    payload_sha256: str  # of the payload as received (still content-encoded)


def read_answer(path: Path, offset: int) -> Answer:
    """The response record at ``offset``; raises on a missing file or an unreadable record."""
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        raw = record.raw_stream.read()
    http = record.http_headers
    encoding = (http.get_header("Content-Encoding") or "").strip().lower() if http else ""
    return Answer(record.rec_headers.get_header("WARC-Target-URI") or "",
                  record.rec_headers.get_header("WARC-Date") or "",
                  (http.get_header("Content-Type") or "") if http else "",
                  decoded_body(raw, encoding), sha256_hex(raw))


def decoded_body(raw: bytes, encoding: str) -> bytes:
    """The body without its content encoding (gzip, deflate, br where brotli is installed);
    as is when the encoding is unknown or the bytes do not decode."""
    try:
        if encoding in ("gzip", "x-gzip"):
            return zlib.decompress(raw, 16 + zlib.MAX_WBITS)
        if encoding == "deflate":
            try:
                return zlib.decompress(raw)
            except zlib.error:  # raw deflate, without the zlib header, as some servers send
                return zlib.decompress(raw, -zlib.MAX_WBITS)
        if encoding == "br":
            import brotli  # Scrapy's optional decoder; without it the body stays encoded

            return brotli.decompress(raw)
    except Exception:  # noqa: BLE001 - a body that lies about its encoding is shown as received
        return raw
    return raw
