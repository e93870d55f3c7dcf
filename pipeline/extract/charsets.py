"""Bytes → text for fetched pages, whatever their charset declarations claim.

Order of evidence, strongest first: a byte-order mark; bytes that decode as UTF-8 without error
and hold multi-byte sequences (Latin-1 text essentially never does, so a page declaring
ISO-8859-1 but written in UTF-8 is read correctly); the HTTP charset; the page's own <meta>
declaration; and finally windows-1252, which decodes any byte.

w3lib (Scrapy's own decoder) reads the BOM, the HTTP charset (process stage) and maps every
label as browsers do (the WHATWG Encoding Standard: "iso-8859-1", "latin1" and "ascii" mean
windows-1252, whose curly quotes and dashes live in bytes 0x80–0x9F). What it does not do, and
this module adds, is the UTF-8 check before any declaration: w3lib trusts a wrong declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from w3lib.encoding import read_bom, resolve_encoding

FALLBACK_ENCODING = "windows-1252"
# The <meta> label as the page wrote it, for the warning a reader sees ("declared as
# 'iso-8859-1'"): w3lib's html_body_declared_encoding answers with the codec it resolved to.
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
PRESCAN_BYTES = 4096


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str  # the codec that produced `text`
    evidence: str  # "bom", "utf-8 bytes", "http", "meta", "fallback"
    declared: str | None  # what the page or server said, when it said something else


def normalise_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label names no codec."""
    if not label:
        return None
    name = resolve_encoding(label.strip().strip("'\""))
    return FALLBACK_ENCODING if name == "cp1252" else name


def meta_charset(data: bytes) -> str | None:
    """The charset label the page's <meta> names, as written, searched for in the first bytes."""
    match = _META_CHARSET.search(data[:PRESCAN_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None


def _utf8_text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_page(data: bytes, http_charset: str | None = None) -> DecodedPage:
    """Decode a page; never raises (undecodable bytes become U+FFFD in the last resort)."""
    bom_encoding, bom = read_bom(data)
    if bom_encoding is not None:
        return DecodedPage(
            data[len(bom) :].decode(bom_encoding, "replace"), bom_encoding, "bom", None
        )
    meta_label = meta_charset(data)
    declared_label = http_charset or meta_label
    declared = normalise_label(declared_label)
    utf8 = _utf8_text(data)
    if utf8 is not None and (declared in (None, "utf-8") or not utf8.isascii()):
        mismatch = declared_label if declared not in (None, "utf-8") else None
        return DecodedPage(utf8, "utf-8", "utf-8 bytes", mismatch)
    for label, evidence in ((http_charset, "http"), (meta_label, "meta")):
        codec = normalise_label(label)
        if codec is None or codec == "utf-8":
            continue  # declared UTF-8 but the bytes are not: fall through to windows-1252
        try:
            return DecodedPage(data.decode(codec), codec, evidence, None)
        except (UnicodeDecodeError, LookupError):
            continue
    return DecodedPage(
        data.decode(FALLBACK_ENCODING, "replace"), FALLBACK_ENCODING, "fallback", declared_label
    )
