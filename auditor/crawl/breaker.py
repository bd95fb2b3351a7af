"""Stop a site that fails page after page: a 5xx storm, a server that only times out or resets.

Every answer and every network failure of a site passes here, retries included (this
middleware sits nearer the downloader than the retry middlewares): a real answer resets the
count, a 5xx, a 429 or a failure adds one. After ``AUDITOR_MAX_FAILURES`` in a row the spider
stops the site (``PortalSpider.stop_site``): its queued requests are dropped, and the report
says ``partial: 10 pages in a row failed (HTTP 503)``. Without it, a storming site would cost
the audit its whole page budget in retries and timeouts, while its answer is already known.

Only the site's pages count (role ``page``): robots.txt, probes, scripts, attachments and the
variant fetches (a page already fetched, fetched again as another visitor) neither add to the
run nor end it. A variant of the home page answered between two failing pages said nothing
about the pages still to come, yet it reset the run: how many pages a storming site cost
depended on when the variants happened to land.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

from auditor.crawl.state import crawl_state
from auditor.spiders.failures import reason_for
from auditor.spiders.outcomes import FAMILY


COUNTED_ROLES = frozenset({"page"})


class FailureBreakerMiddleware:
    state = crawl_state()

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _note(self, request, failure: dict | None) -> None:
        site = request.meta.get("site")
        if self.state is not None and site is not None and request.meta.get("role") in COUNTED_ROLES:
            self.state.note_answer(site, failure)

    def process_response(self, request, response, spider=None):
        failing = response.status >= 500 or response.status == 429
        self._note(request, {"status": response.status} if failing else None)
        return response

    def process_exception(self, request, exception, spider=None):
        if not isinstance(exception, IgnoreRequest):
            self._note(request, {"family": FAMILY.get(reason_for(exception, request).code, "error")})
        return None
