"""The address guard: a crawler on a newsroom's server must not be turned against its own network.

A seed, a discovered link or a redirect can name any host; one that resolves to a loopback,
private, link-local or otherwise non-public address is refused (and recorded as a failed fetch
with the reason), unless the operator allowed that host with `--allow-host`. Every address the
name resolves to is checked, so a name with one public and one private address is refused too.

The check is made twice: by a downloader middleware before each request (so the fetch row
says why, and a redirect is checked before it is followed), and by the DNS resolver Scrapy
connects with (`GuardedResolver`), so a name that resolved to a public address for the first
check and to a private one for the connection (DNS rebinding) is refused as well.

Replays touch no network, so the guard is off for them (and resolves nothing).
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError


class AddressRefused(IgnoreRequest):
    """The request's host is (or resolves to) an address the crawler must not reach."""


def non_public_reason(address: str) -> str | None:
    """Why an IP address is not a public one (None when it is public)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return label
    return None


@lru_cache(maxsize=4096)
def resolve(host: str) -> tuple[str, ...]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        return (str(ipaddress.ip_address(host.strip("[]"))),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return ()  # the download itself will fail with a DNS error, which is recorded
    return tuple(sorted({str(info[4][0]).split("%")[0] for info in infos}))


def refusal(url: str, allowed_hosts: frozenset[str]) -> str | None:
    """Why `url` must not be fetched, or None when it may be.

    An allowed entry is a host (any port) or host:port (that port only), so a test can allow
    its own loopback server without allowing every service on the machine.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return f"refused: {url} has no host"
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    with_port = f"{host}:{port}"
    if host in allowed_hosts or with_port in allowed_hosts:
        return None
    for address in resolve(host):
        if address in allowed_hosts or f"{address}:{port}" in allowed_hosts:
            continue
        reason = non_public_reason(address)
        if reason:
            return (
                f"refused: {with_port} is a {reason} address ({address}); "
                f"allow it with --allow-host {with_port} (or --allow-host {host}) if intended"
            )
    return None


class AddressGuardMiddleware:
    def __init__(self, allowed_hosts: frozenset[str]):
        self.allowed_hosts = allowed_hosts

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        if crawler.settings.getlist("PRESSWATCH_REPLAY_ARCHIVES"):
            raise NotConfigured("replay: no network, nothing to guard")
        return cls(allowed_host_names(crawler.settings.getlist("PRESSWATCH_ALLOWED_HOSTS")))

    def process_request(self, request: Any) -> None:
        # Redirected requests pass through here again, so a redirect cannot smuggle a
        # private address past the check made on the seed.
        reason = refusal(request.url, self.allowed_hosts)
        if reason:
            raise AddressRefused(reason)


def allowed_host_names(entries: list[str]) -> frozenset[str]:
    return frozenset(entry.lower().strip("[]") for entry in entries)


def resolved_refusal(name: str, address: str, allowed_hosts: frozenset[str]) -> str | None:
    """Why a connection to `name`, resolved to `address`, must not be made (None if it may).

    The resolver does not know the port, so an allowed host:port entry allows its host here;
    the middleware has already held the request to the port.
    """
    hosts = {entry.rsplit(":", 1)[0] if entry.count(":") == 1 else entry for entry in allowed_hosts}
    if name.lower() in hosts or address in hosts:
        return None
    reason = non_public_reason(address)
    if reason:
        return f"refused: {name} resolved to a {reason} address ({address}) when connecting"
    return None


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing names that resolve to non-public addresses."""

    allowed_hosts: frozenset[str] = frozenset()
    # host → why it was refused. Twisted reports a refused lookup as "no results", so the
    # spider looks the reason up here to record it in the fetch row.
    refusals: ClassVar[dict[str, str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> GuardedResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allowed_hosts = allowed_host_names(
            crawler.settings.getlist("PRESSWATCH_ALLOWED_HOSTS")
        )
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # Twisted's method name
        def check(address: str) -> str:
            reason = resolved_refusal(name, address, self.allowed_hosts)
            if reason:
                GuardedResolver.refusals[name.lower()] = reason
                raise DNSLookupError(reason)
            return address

        return super().getHostByName(name, timeout).addCallback(check)
