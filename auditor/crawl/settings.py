"""Scrapy settings of the auditor: one flat, documented module (``scrapy.cfg`` points here).

Polite by default (DESIGN.md): robots.txt obeyed with its Crawl-delay, a User-Agent naming the
tool and a contact, two requests at a time per site, AutoThrottle, and bounded pages, depth,
bytes and time per site. The ``AUDITOR_*`` settings are ours; the rest are Scrapy's.
"""

from auditor.identity import NAME, ROBOTS_TOKEN, VERSION, user_agent

BOT_NAME = NAME
SPIDER_MODULES = ["auditor.spiders"]
NEWSPIDER_MODULE = "auditor.spiders"

# --- Who we are ------------------------------------------------------------------------
AUDITOR_VERSION = VERSION
# Where a webmaster can learn who crawls and why. An inspector sets it with [audit] contact
# in the registry or --contact; ".invalid" marks the placeholder as one.
AUDITOR_CONTACT = "https://auditor.invalid/about"
# The token robots.txt rules are matched against ("User-agent: vngov-auditor").
AUDITOR_ROBOTS_TOKEN = ROBOTS_TOKEN
USER_AGENT = user_agent(AUDITOR_CONTACT)

# --- Politeness ------------------------------------------------------------------------
# robots.txt is read by the spider itself (Protego), once per host, so that Crawl-delay binds
# the host (however many sites it serves) and a site it closes is reported as "blocked".
# One download slot per host (scheme, host, port), shared by its sites in turns: hosts.py.
ROBOTSTXT_OBEY = False
CONCURRENT_REQUESTS = 32  # across all sites: many sites progress at once
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # per download slot, that is per host
# {host or "host:port": N}: more requests at once to a server whose owner allows it
# (--host-concurrency); its robots.txt Crawl-delay still binds.
AUDITOR_HOST_CONCURRENCY = {}
CONCURRENT_REQUESTS_PER_IP = 0
# Sites of one host crawled at once, in turns; the others wait and begin as these finish, so
# memory stays flat however many communes a portal serves (auditor/crawl/site_window.py).
AUDITOR_HOST_ACTIVE_SITES = 50
# A host's robots.txt Crawl-delay raises its slot's delay. Never 0: Scrapy 2.19 holds a
# slot to its concurrency only when the slot has a delay (with none, it starts every queued
# request of the site at once), and AutoThrottle's delay never goes below this one.
DOWNLOAD_DELAY = 0.01
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
COOKIES_ENABLED = False  # an audit has no session; cookies only feed session-id traps
TELNETCONSOLE_ENABLED = False

# --- Bounds ----------------------------------------------------------------------------
AUDITOR_MAX_PAGES = 500  # pages per site (HTML and other documents, not attachments)
AUDITOR_MAX_DEPTH = 8  # links from the home page
AUDITOR_SITE_SECONDS = 900  # wall time per site; a site past it is cut and marked partial
AUDITOR_MAX_ATTACHMENTS = 100  # attachments checked (HEAD) per site
AUDITOR_MAX_PER_SHAPE = 100  # URLs of one shape (digits folded) per site: calendars, filters
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # a page larger than this is cut and recorded as such
AUDITOR_SITE_BYTES = 200_000_000  # bytes of pages per site; past it the site stops, partial
AUDITOR_MAX_FAILURES = 10  # pages in a row with a 5xx or no answer before a site is stopped
# Hacked sites (issue 12): pages per site fetched again as Googlebot (desktop, smartphone), as a
# visitor from a search result and as a mobile browser, to find cloaked spam (spiders/variants.py;
# 0: off; they count against AUDITOR_MAX_PAGES); the site's own script files those pages load,
# read for injected code (spiders/scripts.py; counted against the budget too); sitemap files read
# per site (spiders/sitemaps.py).
AUDITOR_VARIANT_PAGES = 10
AUDITOR_MAX_SCRIPTS = 10
AUDITOR_MAX_SITEMAPS = 10
DOWNLOAD_WARNSIZE = 0
DOWNLOAD_TIMEOUT = 30
AUDITOR_MAX_TIME = 0  # wall time of the whole audit in seconds (0: none); --max-time sets it
CLOSESPIDER_TIMEOUT = 0  # Scrapy's hard stop; --max-time's (auditor/crawl/audit_stop.py) is graceful
DEPTH_LIMIT = 0  # depth is enforced by the spider, which records "partial" when it cuts
DEPTH_PRIORITY = 1  # breadth first: sections near the home page are seen before deep archives
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
# The next request comes from the host with the fewest requests in the downloader (a slow host
# cannot fill the downloader's CONCURRENT_REQUESTS while others wait), and from the host's
# sites in turn (no commune waits for another to finish): fair_queue.py.
SCHEDULER_PRIORITY_QUEUE = "auditor.crawl.fair_queue.HostFairQueue"
RETRY_TIMES = 2  # network errors (Scrapy's RetryMiddleware); HTTP answers: backoff.py below
RETRY_HTTP_CODES = []  # 429 and 5xx are retried by auditor.crawl.backoff, which waits
AUDITOR_HTTP_RETRIES = 2  # retries of a 429 / 5xx answer
AUDITOR_BACKOFF_BASE = 1.0  # seconds before the first retry without Retry-After; doubles each time
AUDITOR_RETRY_AFTER_MAX = 120  # a longer Retry-After is not waited for: rate-limited, recorded
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a page that failed is recorded with its reason, not shouted
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = True
HTTPERROR_ALLOW_ALL = True  # a 404 or 500 is a fact to record, not an error to drop
DNSCACHE_ENABLED = True
DNS_TIMEOUT = 15
# Names must resolve to public addresses (no SSRF through a hacked domain): see resolver.py.
TWISTED_DNS_RESOLVER = "auditor.crawl.resolver.GuardedResolver"
AUDITOR_RESOLVE = {}  # {"name": "address"}: pinned, like curl --resolve (trusted: the inspector's)
AUDITOR_PRIVATE_NAMES = ["localhost"]  # names allowed to resolve to private addresses
AUDITOR_TLS_CHECK_TIMEOUT = 10  # seconds per HTTPS host for the certificate check (0: none)
AUDITOR_IPV6_CHECK_TIMEOUT = 5  # seconds for the IPv6 (AAAA) look-up of the sites' hosts (0: none)

# --- Components ------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # On the way in, responses pass from the highest number to the lowest. Decompression (590)
    # comes first, then the charset (588), then the redirect judge (585), which must see 3xx
    # and meta refreshes before Scrapy follows them: MetaRefresh (580) and Redirect, moved
    # from 600 to 575 so that a meta refresh is read in a decompressed, decoded body.
    "auditor.crawl.decode.DecodeMiddleware": 588,
    "auditor.crawl.scoped_redirect.ScopedRedirectMiddleware": 585,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": 575,
    "auditor.crawl.deadline.SiteDeadlineMiddleware": 50,
    # Nearest the downloader: a page over DOWNLOAD_MAXSIZE is kept up to the cap, and the cap
    # is handed back to HttpCompressionMiddleware (590) for the decompressed size.
    "auditor.crawl.size_cap.SizeCapMiddleware": 860,
    # Nearer still: the WARC recorder archives each answer as the downloader gave it, before the
    # size cap cuts it and before decompression (auditor/archive/recorder.py).
    "auditor.archive.recorder.WarcRecorder": 880,
    # 429 and 5xx: wait (Retry-After or backoff) with the whole site, then retry.
    "auditor.crawl.backoff.BackoffRetryMiddleware": 560,
    # Sees every answer and failure, retries included: stops a site failing page after page.
    "auditor.crawl.breaker.FailureBreakerMiddleware": 570,
}
EXTENSIONS = {
    # The crawl's shared state, first: the components below and the spider use it.
    "auditor.crawl.state.CrawlState": -100,
    "scrapy.extensions.throttle.AutoThrottle": None,
    "auditor.crawl.throttle.PoliteThrottle": 0,
    "auditor.crawl.progress.CrawlProgress": 10,
    # The browser pass (axe-core), before the finisher: its findings are stored when the audit ends.
    "auditor.crawl.a11y.A11yPass": 15,
    "auditor.crawl.finish.AuditFinisher": 20,
    "auditor.crawl.audit_stop.AuditStop": 30,
    "auditor.crawl.gc_freeze.GcFreeze": 40,
    "auditor.crawl.certificates.CertificateProbe": 50,  # HTTPS certificates, checked in a thread
    "auditor.crawl.ipv6.Ipv6Probe": 55,  # each site host's IPv6 address (TEC-006), in a thread
}
# Scrapy runs a page's outputs (its links' requests, its facts) through this many asyncio tasks,
# all made anew for every page; ours are handled at once (a request is scheduled, the facts
# judged and buffered), so a few tasks do what Scrapy's default of 100 did.
CONCURRENT_ITEMS = 4
# Scrapy's check that a callback is no generator returning a value read the callback's source
# and parsed it at every page (its cache holds bound methods by weak reference, which die at
# once); the spider's callbacks are tested code.
WARN_ON_GENERATOR_RETURN_VALUE = False
ITEM_PIPELINES = {
    # Judges each page as it arrives and stores it with its findings, one transaction per batch.
    "auditor.crawl.pipeline.AuditPipeline": 300,
}

# --- Output ----------------------------------------------------------------------------
AUDITOR_PROGRESS = False  # a live line of pages per site on stderr; the CLI turns it on
LOG_LEVEL = "WARNING"
LOG_INSTALL_ROOT_HANDLER = True
AUDITOR_DB = "audit.db"  # the store; the CLI's --db sets it
AUDITOR_ROW_BASE = 0  # a job's shard numbers its pages after this id (auditor/jobs/shard.py row_base)
AUDITOR_GC_FREEZE = True  # keep start-up objects out of the garbage collector's scans (gc_freeze.py)
AUDITOR_GC_YOUNG = 20_000  # allocations between two young collections, past a page's (gc_freeze.py); 0: Python's
# Every judged answer archived as WARC beside the store, <db>.warc/<audit>/<site>.warc.gz
# (docs/evidence.md); `auditor check` turns it off unless --archive.
AUDITOR_ARCHIVE = True
AUDITOR_BATCH = 50  # pages (and findings) written per transaction
AUDITOR_SITE_RULES = True  # off in a job (auditor/jobs/): its shard's sites are judged before the seal (jobs/site_rules.py)
AUDITOR_JOB_RETRIES = 2  # a job whose shard is missing or refused runs again this many times
AUDITOR_WORKER_JOBS = 32  # jobs at once in one local worker process (--workers N): auditor/jobs/local.py
AUDITOR_SCRAPYD_SLOTS = 1  # jobs at once per Scrapyd node: its max_proc (docs/scaling.md)

# --- Judging ---------------------------------------------------------------------------
AUDITOR_PACK = ""  # rule pack id (rules/packs/); "": the registry's, else the regime in force
AUDITOR_CONFIG = ""  # the user's config file (auditor/judge/config.py): rule levels, thresholds, lists
AUDITOR_AUDIT_DATE = ""  # judge as of this day (YYYY-MM-DD); "": the day the audit started

# --- Browser checks (auditor/crawl/a11y.py; the `browser` extra and a system Chromium) --------
# Pages per site rendered in headless Chromium and checked with axe-core: the home page, one
# page per mandatory section found, AUDITOR_A11Y_ARTICLES articles, at most this many (0: off).
AUDITOR_A11Y_PAGES = 16
AUDITOR_A11Y_ARTICLES = 2
AUDITOR_A11Y_DELAY = 1.0  # seconds between two renders of one site (robots.txt Crawl-delay raises it)
AUDITOR_A11Y_TIMEOUT = 20  # seconds to load and check one page
AUDITOR_A11Y_TAGS = ["wcag2a", "wcag2aa"]  # axe-core's tags: WCAG 2.0 A and AA
AUDITOR_CHROMIUM = ""  # the browser; "": chromium (or chromium-browser, google-chrome) on PATH
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
