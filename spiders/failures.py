"""Network failures as coded reasons (spiders/outcomes.py): ``dns``, ``refused``, ``timeout``,
``tls``, ``reset``, ``bomb`` ..., each with what was tried.

Scrapy wraps Twisted's errors in its own (``CannotResolveHostError`` from ``DNSLookupError`` ...)
and the cause of a TLS failure sits deeper still, so the whole chain of causes is read.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from auditor.crawl.resolver import refusal
from auditor.spiders.outcomes import Reason


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


def failure_reason(failure) -> Reason:
    """A short, honest account of why a request got no usable answer (a Twisted Failure)."""
    return reason_for(failure.value, getattr(failure, "request", None))


def reason_for(exception: BaseException, request=None) -> Reason:
    """The same account, from the exception and the request it ended."""
    parts = urlsplit(request.url) if request is not None else None
    host = parts.hostname if parts else ""
    errors = _chain(exception)
    names = _names(errors)
    text = " ".join(repr(error) for error in errors)
    if isinstance(exception, IgnoreRequest) and not names & {"_DecompressionMaxSizeExceeded"}:
        carried = getattr(exception, "reason", None)  # RedirectRefused says why in a code
        return carried if isinstance(carried, Reason) else Reason("ignored", {"text": str(exception)})
    if "PrivateAddressRefused" in names:
        refused = next(e for e in errors if type(e).__name__ == "PrivateAddressRefused")
        return Reason("private-address", {"host": getattr(refused, "host", host),
                                          "address": getattr(refused, "address", "")})
    if "_DecompressionMaxSizeExceeded" in names:
        cap = request.meta.get("download_maxsize") if request is not None else 0
        return Reason("bomb", {"megabytes": cap / 1_000_000} if cap else {})
    if names & {"DNSLookupError", "CannotResolveHostError"}:
        refused = refusal(host)
        return Reason("private-address", refused) if refused else Reason("dns", {"host": host})
    if names & {"ConnectionRefusedError", "DownloadConnectionRefusedError"}:
        return Reason("refused", {"netloc": parts.netloc} if parts else {})
    if names & {"TimeoutError", "TCPTimedOutError", "UserTimeoutError", "DownloadTimeoutError"}:
        seconds = request.meta.get("download_timeout") if request is not None else None
        return Reason("timeout", {"seconds": seconds} if seconds else {})
    if "SSL" in text or "TLS" in text or "certificate" in text or "tlsv1" in text:
        return Reason("tls", {"problem": _tls_problem(text)})
    if names & {"ResponseDataLossError", "_DataLoss", "PotentialDataLoss"}:
        return Reason("incomplete")
    if names & {"ConnectionResetError", "ConnectionLost"} or "Connection reset" in text:
        return Reason("reset")
    if names & {"ResponseNeverReceived", "ConnectionDone"}:
        return Reason("closed")
    if names & {"DownloadCancelledError"}:
        return Reason("cancelled")
    if names & {"ConnectError", "DownloadFailedError"}:
        return Reason("connect-error", {"error": type(errors[-1]).__name__})
    return Reason("error", {"error": type(exception).__name__})


def _tls_problem(text: str) -> str:
    """What the TLS library's message says went wrong, as a TLS_PROBLEMS key."""
    for clue, problem in (("wrong version number", "no-tls"), ("WRONG_VERSION_NUMBER", "no-tls"),
                          ("unexpected eof", "hangup"), ("handshake failure", "handshake-failure"),
                          ("certificate", "certificate")):
        if clue.lower() in text.lower():
            return problem
    return "handshake-error"
