"""A crawl shared by several processes through Redis: its keys, settings and worker names.

The scheduler and the ledger pipeline that use these are Scrapy plumbing
(spiders/redis_scheduler.py); the crawl stage only names them in the settings it builds.
"""

from __future__ import annotations

import os
import socket
from typing import Any


def redis_keys(namespace: str) -> dict[str, str]:
    """The Redis keys of one dataset's shared crawl (several datasets can share a server)."""
    return {
        "queue": f"{namespace}:requests", "dupefilter": f"{namespace}:dupefilter",
        "inflight": f"{namespace}:inflight:", "alive": f"{namespace}:alive:",
        "claimed": f"{namespace}:recovering:", "urls": f"{namespace}:inflight-urls:",
        "crawl_id": f"{namespace}:crawl-id",
    }


def shared_crawl_id(redis_url: str, namespace: str) -> str:
    """The id of the shared crawl this worker joins (created by the first worker, cleared by the last).

    Recorded in the run's arguments, so `presswatch merge` knows which fetch rows of several
    workers belong to one crawl.
    """
    import uuid

    import redis

    server = redis.Redis.from_url(redis_url)
    key = redis_keys(namespace)["crawl_id"]
    server.set(key, uuid.uuid4().hex, nx=True)
    return redis_text(server.get(key))


def redis_text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def redis_settings(redis_url: str, namespace: str, worker: str) -> dict[str, object]:
    """The Scrapy settings that put a crawl on the shared Redis frontier."""
    keys = redis_keys(namespace)
    return {
        "SCHEDULER": "presswatch.spiders.redis_scheduler.SharedFrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": redis_url,
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": keys["queue"],
        "SCHEDULER_DUPEFILTER_KEY": keys["dupefilter"],
        "PRESSWATCH_REDIS_NAMESPACE": namespace,
        "PRESSWATCH_WORKER_ID": worker,
        # The ledger pipeline must strike a page in the same call that committed its row.
        "PRESSWATCH_RECORDER_THREAD": False,
        # ...and only after the URLs the page names are in the shared queue (see the spider).
        "PRESSWATCH_SHARED_FRONTIER": True,
        "ITEM_PIPELINES": {
            "presswatch.spiders.pipelines.FetchRecorderPipeline": 300,
            "presswatch.spiders.redis_scheduler.LedgerPipeline": 301,
        },
    }


def worker_id() -> str:
    """This crawler process's name in the shared crawl and in its WARC's file name."""
    return f"{socket.gethostname()}-{os.getpid()}"


def check_redis(redis_url: str) -> None:
    """Fail before the run starts when the Redis URL is malformed or the server does not answer."""
    import redis

    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"--redis {redis_url!r}: give a URL like redis://HOST:PORT/DB (or rediss://, unix://)")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise ValueError(f"--redis {redis_url}: no Redis server answers there ({exc}); start one or fix the URL") from exc
