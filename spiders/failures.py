"""Network failures in words an inspector understands: ``dns``, ``refused``, ``timeout``,
``tls``, ``reset``, ``cut``, each with what was tried.

Scrapy wraps Twisted's errors in its own (``CannotResolveHostError`` from ``DNSLookupError`` ...)
and the cause of a TLS failure sits deeper still, so the whole chain of causes is read.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from auditor.crawl.resolver import refusal


def _chain(error: BaseException) -> list[BaseException]:
    """The error, its causes and, for Twisted's ResponseFailed-like errors, their reasons."""
    seen: list[BaseException] = []
    todo = [error]
    while todo and len(seen) < 20:
        current = todo.pop(0)
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        todo.extend([current.__cause__, current.__context__])
        for reason in getattr(current, "reasons", None) or ():  # ResponseNeverReceived ...
            todo.append(getattr(reason, "value", None))
    return seen


def _names(errors: list[BaseException]) -> set[str]:
    return {cls.__name__ for error in errors for cls in type(error).__mro__}


def failure_reason(failure) -> str:
    """A short, honest account of why a request got no usable answer (a Twisted Failure)."""
    return reason_for(failure.value, getattr(failure, "request", None))


def reason_for(exception: BaseException, request=None) -> str:
    """The same account, from the exception and the request it ended."""
    parts = urlsplit(request.url) if request is not None else None
    host = parts.hostname if parts else ""
    errors = _chain(exception)
    names = _names(errors)
    text = " ".join(repr(error) for error in errors)
    if isinstance(exception, IgnoreRequest) and not names & {"_DecompressionMaxSizeExceeded"}:
        return str(exception) or "ignored"
    if "PrivateAddressRefused" in names:
        refused = next(e for e in errors if type(e).__name__ == "PrivateAddressRefused")
        return f"private address: {refused.args[0] if refused.args else refused}"
    if "_DecompressionMaxSizeExceeded" in names:
        cap = request.meta.get("download_maxsize") if request is not None else 0
        size = f" {cap / 1_000_000:g} MB" if cap else " the size cap"
        return f"cut: the page decompresses to more than{size} (a compression bomb)"
    if names & {"DNSLookupError", "CannotResolveHostError"}:
        refused = refusal(host)
        return f"private address: {refused}" if refused else f"dns: the host name {host} does not resolve"
    if names & {"ConnectionRefusedError", "DownloadConnectionRefusedError"}:
        return f"refused: nothing answers on {parts.netloc if parts else 'the port'}"
    if names & {"TimeoutError", "TCPTimedOutError", "UserTimeoutError", "DownloadTimeoutError"}:
        seconds = request.meta.get("download_timeout") if request is not None else None
        return f"timeout: no answer within {seconds:g} s" if seconds else "timeout: no answer in time"
    if "SSL" in text or "TLS" in text or "certificate" in text or "tlsv1" in text:
        return f"tls: the secure connection failed ({_tls_detail(text)})"
    if names & {"ResponseDataLossError", "_DataLoss", "PotentialDataLoss"}:
        return "incomplete: the connection closed before the page was complete"
    if names & {"ConnectionResetError", "ConnectionLost"} or "Connection reset" in text:
        return "reset: the connection was reset before an answer"
    if names & {"ResponseNeverReceived", "ConnectionDone"}:
        return "reset: the server closed the connection without answering"
    if names & {"DownloadCancelledError"}:
        return "cut: the download was cancelled (larger than the size cap)"
    if names & {"ConnectError", "DownloadFailedError"}:
        return f"error: the connection failed ({type(errors[-1]).__name__})"
    return f"error: {type(exception).__name__}"


def _tls_detail(text: str) -> str:
    for clue, words in (("wrong version number", "the port does not speak TLS"),
                        ("WRONG_VERSION_NUMBER", "the port does not speak TLS"),
                        ("unexpected eof", "the server hung up during the handshake"),
                        ("handshake failure", "handshake failure"),
                        ("certificate", "certificate problem")):
        if clue.lower() in text.lower():
            return words
    return "handshake error"
