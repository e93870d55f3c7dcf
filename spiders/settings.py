"""Scrapy settings for presswatch: polite defaults for crawling real publishers.

`presswatch.crawl.job` overrides a few per run (the dataset's contact URL in the User-Agent, the
archive to replay, where to write the database and the run's WARC).
"""

BOT_NAME = "presswatch"
SPIDER_MODULES = ["presswatch.spiders.families"]
NEWSPIDER_MODULE = "presswatch.spiders.families"

# Publishers must be able to tell who is crawling and how to reach them.
USER_AGENT = "presswatch/0.1 (research crawler; +https://example.org/presswatch-contact)"

# A research crawler asks permission: robots.txt is obeyed for every live request.
ROBOTSTXT_OBEY = True

# One or two requests at a time per site, and AutoThrottle backs off when a site slows down:
# a newsroom's crawler should never be what a publisher notices in its load graphs.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# How many outputs of one response (its fetch item and the requests it adds) are handled at a
# time. Scrapy starts that many asyncio tasks per response (default 100), and ours yields one
# item and a few requests, recorded one after the other anyway: 100 idle tasks per page were a
# measurable share of a re-crawl's time.
CONCURRENT_ITEMS = 8
# Bytes of responses being parsed and recorded before Scrapy stops handing over more. The
# default (5 MB) let ~800 small pages wait for the recorder when a replay outruns the disk: peak
# memory grew with the crawl (168 MiB at 10,000 replayed pages, 418 MiB at 100,000). At 500 kB
# the 10,000-page replay peaked at 137 MiB and ran no slower (20.0 s against 21.8 s). A single
# larger page is still taken; it just goes through alone.
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 500_000
# Start requests (the job's queued URLs) waiting in Scrapy's in-memory scheduler before the
# spider stops handing over more until it runs dry; the rest wait in the frontier table.
# Handed over all at once, a 100,000-URL job held ~80 MiB of Request objects.
PRESSWATCH_START_BACKLOG = 500

# Slow or huge responses are failures to record, not reasons to hang: articles are < 2 MB.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# Transient server trouble is retried a little; 429 is a request to slow down, not a failure.
# presswatch's retry middleware waits before each retry: the server's Retry-After when it sends
# one (capped, so a hostile header cannot park the crawl for days), else an exponential
# back-off (base × 2^attempt), so a struggling server is given room to recover.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
PRESSWATCH_RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry without Retry-After
PRESSWATCH_RETRY_AFTER_MAX = 600.0  # never wait longer than this, whatever Retry-After says

# Every status reaches the spider so that 404s and 410s become fetch rows with a reason.
HTTPERROR_ALLOW_ALL = True
# A chain longer than this is a loop (or a trap); it is recorded as a failure, not followed.
REDIRECT_MAX_TIMES = 10

# Discovery: how far same-site link following goes from a page that was given (0 = only the
# given pages, feeds and sitemaps). Deeper crawls of a news site reach its whole archive.
PRESSWATCH_MAX_DEPTH = 1
# The crawl stage keeps its own frontier (in the database) and de-duplicates by canonical URL,
# so every request it makes is answered by a fetch row; Scrapy's filter would drop some silently.
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"
# Scrapy's depth limit and off-site filter are replaced by the frontier's own (recorded) checks.
DEPTH_LIMIT = 0

# Cookies are not needed to read articles, and keeping none avoids session tracking.
COOKIES_ENABLED = False
# No control ports: a crawler on a newsroom server should not listen for commands.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# The resolver Scrapy connects with refuses names that resolve to loopback, private or
# link-local addresses (unless allowed): the address guard's second line, against DNS rebinding.
DNS_RESOLVER = "presswatch.spiders.addresses.GuardedResolver"

DOWNLOADER_MIDDLEWARES = {
    # First of all: no request (seed, link or redirect) may reach a loopback, private or
    # link-local address unless the operator allowed that host (spiders/addresses.py).
    "presswatch.spiders.addresses.AddressGuardMiddleware": 50,
    # Scrapy's own robots.txt middleware lets pages through under concurrency (see the class).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "presswatch.spiders.middlewares.RobotsTxtMiddleware": 100,
    # Retries wait (Retry-After or back-off) instead of hammering a server that said "later".
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "presswatch.spiders.middlewares.PoliteRetryMiddleware": 550,
    # Close to the downloader, so redirects, retries and robots.txt work on replayed
    # responses exactly as on live ones.
    "presswatch.spiders.middlewares.ArchiveReplayMiddleware": 950,
}
ITEM_PIPELINES = {
    "presswatch.spiders.pipelines.FetchRecorderPipeline": 300,
}
# The recorder writes WARC records and fetch rows on a thread of its own, so downloading and
# parsing go on while the disk syncs (pipeline/crawl/recorder.py); off, it writes in the reactor's call.
PRESSWATCH_RECORDER_THREAD = True
EXTENSIONS = {
    # A live progress line on a terminal; nothing under cron (stderr is not a TTY there).
    "presswatch.spiders.progress.ProgressLine": 500,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# `PRESSWATCH_POLITENESS=off` in the environment (benchmarks, tests against sites the tests
# start themselves) lifts the delays and concurrency limits. Never use it against a publisher.
# `PRESSWATCH_CRAWL_SETTINGS='{"DOWNLOAD_TIMEOUT": 1}'` overrides single settings (JSON), so
# tests can keep timeouts and back-offs short.
POLITENESS_OFF = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "PRESSWATCH_RETRY_BACKOFF_BASE": 0.05,
}
