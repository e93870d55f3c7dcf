"""Article addresses: a canonical form, a stable identity key, and what the path says."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track how a reader arrived; the same article otherwise gets
# several ids. Matched case-insensitively; names ending in "_" are prefixes.
# fmt: off
TRACKING_PARAMETERS = frozenset(
    {
        "utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "smid",
        "smtyp", "cmpid", "cmp", "ocid", "ito", "itm_", "ref", "ref_src", "referrer", "source",
        "src", "share", "sh", "s_cid", "ns_", "sr_share", "guccounter", "guce_", "_ga", "_gl",
        "__twitter_impression", "outputtype", "amp", "taid", "partner", "xtor", "at_",
    }
)
# fmt: on
_DEFAULT_PORTS = {"http": 80, "https": 443}
# /2019/01/25/ or /2019-01-25/ or /20190125/ between path separators.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>0?[1-9]|1[0-2])[/-](?P<day>0?[1-9]|[12]\d|3[01])(?=[/-]|$)"
    r"|/(?P<compact>(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?=[/_-]|$)"
)


def _is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return any(
        lowered.startswith(entry) if entry.endswith("_") else lowered == entry
        for entry in TRACKING_PARAMETERS
    )


def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters.

    The path keeps its case and trailing slash: servers treat those as different resources.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query_pairs = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking_parameter(name)
    ]
    query = urlencode(sorted(query_pairs))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def identity_key(canonical_url: str) -> str:
    """The part of a canonical URL that names the article: host without www, path, query.

    The scheme is left out so an http and an https fetch of one article share an id.
    """
    parts = urlsplit(canonical_url)
    host = parts.netloc.removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path}{query}"


def resolve_declared_canonical(fetched_url: str, declared: str | None) -> str:
    """The page's own canonical address when it is usable, else the fetched one, normalised.

    Some sites declare their home page or another site as canonical on every article; such a
    declaration would merge different articles into one id, so it is ignored.
    """
    fetched = canonicalize_url(fetched_url)
    if not declared:
        return fetched
    candidate = canonicalize_url(urljoin(fetched_url, declared.strip()))
    candidate_parts, fetched_parts = urlsplit(candidate), urlsplit(fetched)
    if candidate_parts.scheme not in ("http", "https"):
        return fetched
    if registrable_host(candidate_parts.netloc) != registrable_host(fetched_parts.netloc):
        return fetched
    if candidate_parts.path in ("", "/") and fetched_parts.path not in ("", "/"):
        return fetched
    return candidate


def registrable_host(netloc: str) -> str:
    """Host without port and www; good enough to tell one outlet's pages from another's."""
    return netloc.split(":", 1)[0].lower().removeprefix("www.").removeprefix("amp.")


def date_from_url(url: str) -> date | None:
    """The publication date many news sites put in the path, e.g. /2019/01/25/."""
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        if match.group("compact"):
            digits = match.group("compact")
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def source_id_for_url(url: str, source_domains: Mapping[str, Sequence[str]]) -> str | None:
    """Which dataset source (id → domains, as in dataset.yml) an address belongs to.

    A domain also covers its subdomains; the longest matching domain wins so a blog hosted on a
    subdomain can be a source of its own.
    """
    host = registrable_host(urlsplit(url).netloc)
    best: tuple[int, str] | None = None
    for source_id, domains in source_domains.items():
        for domain in domains:
            domain = domain.lower().removeprefix("www.")
            matches = host == domain or host.endswith("." + domain)
            if matches and (best is None or len(domain) > best[0]):
                best = (len(domain), source_id)
    return best[1] if best else None
