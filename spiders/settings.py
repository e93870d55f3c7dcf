"""Scrapy settings for presswatch: polite defaults for crawling real publishers.

`pipeline.crawl` overrides a few per run (the dataset's contact URL in the User-Agent, the
archive to replay, where to write the database and the run's WARC).
"""

BOT_NAME = "presswatch"
SPIDER_MODULES = ["spiders.families"]
NEWSPIDER_MODULE = "spiders.families"

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

# Slow or huge responses are failures to record, not reasons to hang: articles are < 2 MB.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# Transient server trouble is retried a little; 429 is a request to slow down, not a failure.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]

# Every status reaches the spider so that 404s and 410s become fetch rows with a reason.
HTTPERROR_ALLOW_ALL = True
REDIRECT_MAX_TIMES = 10

# Cookies are not needed to read articles, and keeping none avoids session tracking.
COOKIES_ENABLED = False
# No control ports: a crawler on a newsroom server should not listen for commands.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's own robots.txt middleware lets pages through under concurrency (see the class).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.middlewares.RobotsTxtMiddleware": 100,
    # Close to the downloader, so redirects, retries and robots.txt work on replayed
    # responses exactly as on live ones.
    "spiders.middlewares.ArchiveReplayMiddleware": 950,
}
ITEM_PIPELINES = {
    "spiders.pipelines.FetchRecorderPipeline": 300,
}

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
