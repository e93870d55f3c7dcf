"""A shared frontier in Redis: scrapy-redis's scheduler and dupefilter, made safe to kill.

`presswatch crawl DATASET --redis URL` runs the usual spider with this scheduler, so every
crawler process (on any machine) pushes the URLs it finds to one Redis queue, takes its next
request from it, and a URL any of them has seen is not queued again (scrapy-redis's request
fingerprint set). Three things are added to scrapy-redis, because a newsroom's crawl must not
lose pages when a machine dies:

- In-flight ledger: a request taken from the queue is written to this worker's in-flight hash
  until its fetch row is recorded (LedgerPipeline, right after the recorder pipeline) — and,
  since the spider hands a shared crawl the URLs a page names before the page itself, until
  those URLs are in the queue. A worker beats a heartbeat key with a short expiry; when a
  worker's heartbeat is gone, another worker moves its in-flight requests back to the queue
  (an atomic RENAME claims them, so two survivors never both re-queue them).
- Not idle while others work: a worker whose queue is empty keeps polling while any worker
  still has requests in flight, since their pages may add URLs.
- The spider marks its requests dont_filter (its own frontier de-duplicates one process); here
  a request that is neither a retry nor a redirect goes through the shared filter anyway.

The shared state is cleared by the last worker to finish, so the next crawl starts afresh.
"""

from __future__ import annotations

from typing import Any

from presswatch.crawl.distributed import redis_keys, redis_text, worker_id
from scrapy import Request
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

DEFAULT_HEARTBEAT_SECONDS = 30  # longer than any pause of a busy crawler: a false death means refetches
# An idle worker asks the shared queue for work this often. Scrapy's engine asks an idle
# scheduler only every 5 s: a worker that found the queue empty at its start would sit out the
# first 5 s of a crawl that other workers may finish in less.
DEFAULT_POLL_SECONDS = 1.0


# Each script is one atomic step in Redis, so a worker killed between two commands can never
# leave a request seen-but-unqueued or popped-but-unledgered (either would be a lost page).
SEEN_AND_QUEUED = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0
"""
POP_INTO_LEDGER = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0)
if #top == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], top[1], '1')
return top[1]
"""
NOTE_URL = """
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old and old ~= ARGV[2] then redis.call('HDEL', KEYS[1], old) end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
"""
STRIKE = """
local data = redis.call('HGET', KEYS[2], ARGV[1])
if data then
  redis.call('HDEL', KEYS[1], data)
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return 1
"""


class SharedFrontierScheduler(Scheduler):
    """scrapy-redis's Scheduler with an in-flight ledger, dead-worker recovery and shared idleness."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedFrontierScheduler:
        instance = super().from_crawler(crawler)
        settings = crawler.settings
        instance.keys = redis_keys(settings.get("PRESSWATCH_REDIS_NAMESPACE", "presswatch"))
        instance.worker = settings.get("PRESSWATCH_WORKER_ID") or worker_id()
        instance.heartbeat_seconds = max(1, settings.getint("PRESSWATCH_REDIS_HEARTBEAT", DEFAULT_HEARTBEAT_SECONDS))
        instance.persist = True  # the queue outlives any one worker; see close()
        instance.poll_seconds = settings.getfloat("PRESSWATCH_REDIS_POLL_SECONDS", DEFAULT_POLL_SECONDS)
        instance.engine = crawler.engine
        return instance

    # -- life cycle ---------------------------------------------------------------------
    def open(self, spider: Any) -> Any:
        result = super().open(spider)
        if self.engine is not None:
            # Read when the engine starts its idle heartbeat, which is after this (Scrapy 2.19).
            self.engine._SLOT_HEARTBEAT_INTERVAL = self.poll_seconds
        self._beat()
        self._beater = task.LoopingCall(self._beat)
        self._beater.start(self.heartbeat_seconds / 3, now=False)
        self.recover_dead_workers()
        return result

    def close(self, reason: str) -> None:
        if getattr(self, "_beater", None) is not None and self._beater.running:
            self._beater.stop()
        self.server.delete(self._inflight_key, self.keys["urls"] + self.worker, self.keys["alive"] + self.worker)
        if reason == "finished" and not self._anything_left() and not self._others_alive():
            # The whole crawl is done: the next one must be free to fetch these URLs again.
            self.flush()

    def flush(self) -> None:
        super().flush()
        self.server.delete(self.keys["crawl_id"])

    def _beat(self) -> None:
        self.server.set(self.keys["alive"] + self.worker, "1", ex=self.heartbeat_seconds)
        self.recover_dead_workers()

    @property
    def _inflight_key(self) -> str:
        return self.keys["inflight"] + self.worker

    # -- queueing -----------------------------------------------------------------------
    def enqueue_request(self, request: Request) -> bool:
        first_time = "retry_times" not in request.meta and "redirect_times" not in request.meta
        data = self.queue._encode_request(request)
        if not first_time:
            self.server.zadd(self.queue.key, {data: -request.priority})  # a retry or redirect hop
            return True
        fingerprint = self.df.request_fingerprint(request)
        if not self.server.eval(SEEN_AND_QUEUED, 2, self.df.key, self.queue.key, fingerprint, -request.priority, data):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis", spider=self.spider)
        return True

    def next_request(self) -> Request | None:
        data = self.server.eval(POP_INTO_LEDGER, 2, self.queue.key, self._inflight_key)
        if not data:
            return None
        request = self.queue._decode_request(data)
        self.server.eval(NOTE_URL, 2, self._inflight_key, self.keys["urls"] + self.worker, _ledger_field(request), data)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=self.spider)
        return request

    def has_pending_requests(self) -> bool:
        # Pages other workers are fetching may still add URLs: stay until none is in flight.
        return len(self) > 0 or self._anything_left()

    # -- recovery -----------------------------------------------------------------------
    def _anything_left(self) -> bool:
        if len(self.queue) > 0:
            return True
        return any(self.server.hlen(key) for key in self._ledger_keys())

    def _ledger_keys(self) -> list[str]:
        return [redis_text(key) for pattern in (self.keys["inflight"] + "*", self.keys["claimed"] + "*")
                for key in self.server.scan_iter(match=pattern)]

    def _others_alive(self) -> bool:
        mine = self.keys["alive"] + self.worker
        return any(redis_text(key) != mine for key in self.server.scan_iter(match=self.keys["alive"] + "*"))

    def recover_dead_workers(self) -> int:
        """Re-queue the in-flight requests of workers whose heartbeat has expired."""
        moved = 0
        for key in self.server.scan_iter(match=self.keys["inflight"] + "*"):
            key = redis_text(key)
            worker = key[len(self.keys["inflight"]):]
            if worker == self.worker or self.server.exists(self.keys["alive"] + worker):
                continue
            claimed = self.keys["claimed"] + worker + ":" + self.worker
            try:
                self.server.rename(key, claimed)  # atomic: only one survivor wins
            except Exception:  # noqa: BLE001 - another worker claimed it first (the key is gone)
                self.spider.logger.debug("the in-flight requests of %s were claimed by another worker", worker)
                continue
            for encoded in self.server.hkeys(claimed):
                request = self.queue._decode_request(encoded)
                self.server.zadd(self.queue.key, {encoded: -request.priority})
                moved += 1
            self.server.delete(claimed, self.keys["urls"] + worker)
            self.spider.logger.warning("re-queued %d request(s) in flight at the dead worker %s", moved, worker)
            if self.stats:
                self.stats.inc_value("presswatch/redis_recovered", moved, spider=self.spider)
        return moved


class LedgerPipeline:
    """Right after the recorder committed a page's fetch row, strike it from the in-flight ledger.

    An item pipeline placed just after FetchRecorderPipeline, so the two happen in one call,
    with no turn of the reactor between them (a signal handler would run later): the window in
    which a killed worker has recorded a page that is still in its ledger is as short as it
    can be.
    """

    def __init__(self, server: Any, ledger_key: str, urls_key: str):
        self.server, self.ledger_key, self.urls_key = server, ledger_key, urls_key

    @classmethod
    def from_crawler(cls, crawler: Any) -> LedgerPipeline:
        from scrapy_redis.connection import get_redis_from_settings

        settings = crawler.settings
        keys = redis_keys(settings.get("PRESSWATCH_REDIS_NAMESPACE", "presswatch"))
        worker = settings.get("PRESSWATCH_WORKER_ID")
        return cls(get_redis_from_settings(settings), keys["inflight"] + worker, keys["urls"] + worker)

    def process_item(self, item: Any) -> Any:
        url = item.get("url") if isinstance(item, dict) else getattr(item, "url", None)
        if url:
            self.server.eval(STRIKE, 2, self.ledger_key, self.urls_key, url)
        return item


def _ledger_field(request: Request) -> str:
    # The recorder's fetch row carries the URL the spider asked for (before redirects).
    return str(request.meta.get("presswatch_url") or request.url)
