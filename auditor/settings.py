"""Scrapy settings of the auditor: one flat, documented module (``scrapy.cfg`` points here).

Polite by default (DESIGN.md): robots.txt obeyed with its Crawl-delay, a User-Agent naming the
tool and a contact, two requests at a time per site, AutoThrottle, and bounded pages, depth,
bytes and time per site. The ``AUDITOR_*`` settings are ours; the rest are Scrapy's.
"""

BOT_NAME = "vngov-auditor"
SPIDER_MODULES = ["auditor.spiders"]
NEWSPIDER_MODULE = "auditor.spiders"

# --- Who we are ------------------------------------------------------------------------
AUDITOR_VERSION = "0.1.0"
# Where a webmaster can learn who crawls and why. An inspector sets it with [audit] contact
# in the registry or --contact; ".invalid" marks the placeholder as one.
AUDITOR_CONTACT = "https://auditor.invalid/about"
# The token robots.txt rules are matched against ("User-agent: vngov-auditor").
AUDITOR_ROBOTS_TOKEN = "vngov-auditor"
USER_AGENT = f"Mozilla/5.0 (compatible; vngov-auditor/{AUDITOR_VERSION}; +{AUDITOR_CONTACT})"

# --- Politeness ------------------------------------------------------------------------
# robots.txt is read by the spider itself (Protego), per site, so that Crawl-delay can be
# honoured per site and a site that disallows everything is reported as "blocked".
ROBOTSTXT_OBEY = False
CONCURRENT_REQUESTS = 32  # across all sites: many sites progress at once
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # per download slot; the spider gives each site its own slot
CONCURRENT_REQUESTS_PER_IP = 0
DOWNLOAD_DELAY = 0.0  # a site's robots.txt Crawl-delay raises its own slot's delay
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
DOWNLOAD_WARNSIZE = 0
DOWNLOAD_TIMEOUT = 30
CLOSESPIDER_TIMEOUT = 0  # a whole-audit limit in seconds (0: none); set by --max-time
DEPTH_LIMIT = 0  # depth is enforced by the spider, which records "partial" when it cuts
DEPTH_PRIORITY = 1  # breadth first: sections near the home page are seen before deep archives
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
RETRY_TIMES = 2
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a page that failed is recorded with its reason, not shouted
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = True
HTTPERROR_ALLOW_ALL = True  # a 404 or 500 is a fact to record, not an error to drop
DNSCACHE_ENABLED = True
DNS_TIMEOUT = 15

# --- Components ------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Runs before Scrapy's RedirectMiddleware (600) on responses: off-site redirects are
    # recorded, not followed.
    "auditor.crawl.scoped_redirect.ScopedRedirectMiddleware": 650,
    "auditor.crawl.deadline.SiteDeadlineMiddleware": 50,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "auditor.crawl.throttle.PoliteThrottle": 0,
    "auditor.crawl.progress.CrawlProgress": 10,
    "auditor.crawl.finish.AuditFinisher": 20,
    "auditor.crawl.gc_freeze.GcFreeze": 40,
}
ITEM_PIPELINES = {
    "auditor.crawl.store_pipeline.StorePipeline": 300,
    # After the store (which opens the audit): page rules judge each page as it arrives.
    "auditor.crawl.judge_pipeline.JudgePipeline": 400,
}

# --- Output ----------------------------------------------------------------------------
AUDITOR_PROGRESS = False  # a live line of pages per site on stderr; the CLI turns it on
LOG_LEVEL = "WARNING"
LOG_INSTALL_ROOT_HANDLER = True
AUDITOR_DB = "audit.db"  # the store; the CLI's --db sets it
AUDITOR_GC_FREEZE = True  # keep start-up objects out of the garbage collector's scans (gc_freeze.py)
AUDITOR_BATCH = 50  # pages (and findings) written per transaction

# --- Judging ---------------------------------------------------------------------------
AUDITOR_PACK = ""  # rule pack id (rules/packs/); "": the registry's, else the regime in force
AUDITOR_CONFIG = ""  # the user's config file (auditor/config.py): rule levels, thresholds, lists
AUDITOR_AUDIT_DATE = ""  # judge as of this day (YYYY-MM-DD); "": the day the audit started
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
