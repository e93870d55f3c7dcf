"""WARC archives: the crawl's record of every response exactly as it came.

Crawls write one gzip WARC per run (request-independent response records, one gzip member each,
so a record can be read back from its offset alone). The replay middleware answers requests
from an archive, and the process stage reads bodies back by (file, offset). The fixture archive
of a dataset is built from its hand-written pages by `build_archive_from_manifest`; it uses
deterministic record ids and dates so the same pages always give the same archive bytes.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import yaml
from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Headers describing the transfer, not the content: the body we store is already decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class ArchiveError(ValueError):
    """An archive file or manifest is missing or unreadable."""


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    date: str  # WARC-Date, ISO 8601 UTC

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


def url_key(url: str) -> str:
    """The key requests and records are matched on: canonical form, fragment dropped."""
    return canonicalize_url(url, keep_fragments=False)


def record_id(url: str, date: str) -> str:
    """A deterministic WARC-Record-ID, so rebuilding an archive reproduces it byte for byte."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{date} {url}')}>"


def write_response(
    stream: BinaryIO,
    url: str,
    status: int,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    date: str,
) -> int:
    """Append one response record to an open gzip WARC stream; return its offset."""
    offset = stream.tell()
    writer = WARCWriter(stream, gzip=True)
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    kept = [(k, v) for k, v in headers if k.lower() not in _TRANSFER_HEADERS]
    kept.append(("Content-Length", str(len(body))))
    http_headers = StatusAndHeaders(f"{status} {reason}", kept, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Record-ID": record_id(url, date), "WARC-Date": date},
    )
    writer.write_record(record)
    return offset


def write_request(
    stream: BinaryIO,
    url: str,
    headers: Iterable[tuple[str, str]],
    date: str,
    concurrent_to: str | None = None,
    method: str = "GET",
) -> int:
    """Append the request record that asked for `url` (as sent); return its offset."""
    offset = stream.tell()
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kept = [(k, v) for k, v in headers if k.lower() != "host"]
    http_headers = StatusAndHeaders(
        f"{method} {target} HTTP/1.1",
        [("Host", parts.netloc), *kept],
        protocol="HTTP/1.1",
        is_http_request=True,
    )
    warc_headers = {"WARC-Record-ID": record_id("request " + url, date), "WARC-Date": date}
    if concurrent_to:
        warc_headers["WARC-Concurrent-To"] = concurrent_to
    writer = WARCWriter(stream, gzip=True)
    record = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(b""),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)
    return offset


def unpack_wacz(path: Path, into: Path) -> list[Path]:
    """The WARC files inside a WACZ package (a zip with archive/*.warc[.gz]), copied to `into`.

    Replay indexes plain files by offset, so the WARCs are copied out once; nothing else in the
    package (pages, indexes, signatures) is needed to answer requests.
    """
    import zipfile

    try:
        package = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ArchiveError(f"{path}: not a readable WACZ (zip) file: {exc}") from exc
    warcs: list[Path] = []
    with package:
        members = sorted(
            name
            for name in package.namelist()
            if name.startswith("archive/") and name.endswith((".warc", ".warc.gz"))
        )
        if not members:
            raise ArchiveError(f"{path}: a WACZ must hold WARC files under archive/; found none")
        into.mkdir(parents=True, exist_ok=True)
        for name in members:
            target = into / f"{path.stem}--{Path(name).name}"
            with package.open(name) as source, open(target, "wb") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
            warcs.append(target)
    return warcs


def iter_responses(path: Path) -> Iterator[tuple[int, ArchivedResponse]]:
    """(offset, response) for every response record of a WARC or WARC.gz file."""
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                response = _to_response(record)
                yield records.get_record_offset(), response
        except (EOFError, zlib.error, ArchiveLoadFailed):
            # A crawl killed while writing leaves a cut-off last record; every record before
            # it is whole (and is what the database points at), so the archive stays usable.
            return


def read_response_at(path: Path | str, offset: int) -> ArchivedResponse:
    """The response record at `offset` of an archive file: a local path, or an fsspec URL
    (file://, s3://, gs://…: an archive on shared or object storage; the URL's filesystem
    package, e.g. s3fs, must be installed)."""
    if isinstance(path, str) and "://" in path:
        import fsspec

        with fsspec.open(path, "rb") as stream:
            return _response_at(stream, offset, path)
    with open(path, "rb") as stream:
        return _response_at(stream, offset, path)


def archive_location(folder: Path, warc_file: str, archive_url: str | None) -> Path | str:
    """Where an archive file named in `fetches.warc_file` (relative to the dataset folder) is
    read from: the dataset folder, or `archive_url`, a copy of its tree on shared storage."""
    if not archive_url:
        return folder / warc_file
    return archive_url.rstrip("/") + "/" + Path(warc_file).as_posix().lstrip("/")


def _response_at(stream: BinaryIO, offset: int, path: Path | str) -> ArchivedResponse:
    stream.seek(offset)
    for record in ArchiveIterator(stream):
        if record.rec_type == "response":
            return _to_response(record)
        break
    raise ArchiveError(f"{path}: no response record at offset {offset}")


def _to_response(record: Any) -> ArchivedResponse:
    url = record.rec_headers.get_header("WARC-Target-URI")
    date = record.rec_headers.get_header("WARC-Date")
    status = int(record.http_headers.get_statuscode() or 0)
    headers = [(k, v) for k, v in record.http_headers.headers if k.lower() not in _TRANSFER_HEADERS]
    return ArchivedResponse(url, status, headers, record.content_stream().read(), date)


# An index entry is one int: the record's offset, its archive's number among the replayed ones
# and the capture's status. Two dicts of tuples took ~480 bytes per capture (48 MiB for a
# 100,000-page archive, for the whole crawl); this takes about half.
_STATUS_BITS, _FILE_BITS = 10, 8
_STATUS_MASK, _FILE_MASK = (1 << _STATUS_BITS) - 1, (1 << _FILE_BITS) - 1


@dataclass(frozen=True)
class _FileIndex:
    entries: dict[str, int]  # key → offset << (_STATUS_BITS + _FILE_BITS) | status
    recorded: dict[str, str]  # key → URL as recorded, only where it is not the key itself
    latest: str


class ArchiveIndex:
    """URL → record offset for one or more archives; the last capture of a URL wins."""

    def __init__(self, paths: Iterable[Path]):
        self._paths: list[Path] = []
        self._streams: dict[Path, BinaryIO] = {}  # archives kept open while replaying from them
        files: list[_FileIndex] = []
        for path in paths:
            if not Path(path).is_file():
                raise ArchiveError(f"{path}: archive not found")
            stat = Path(path).stat()
            files.append(_index_file(Path(path), stat.st_size, stat.st_mtime_ns))
            self._paths.append(Path(path))
        if len(files) > _FILE_MASK + 1:
            raise ArchiveError(f"{len(files)} archives: replay at most {_FILE_MASK + 1} at once")
        self.latest_date = max((index.latest for index in files), default="")
        if len(files) == 1:
            # The cached index itself (never written to): planning, the frontier's archive check
            # and the replay middleware each made a copy of their own.
            self._entries, self._recorded = files[0].entries, files[0].recorded
            return
        self._entries, self._recorded = {}, {}
        for number, index in enumerate(files):
            for key, packed in index.entries.items():
                self._entries[key] = packed | number << _STATUS_BITS
                if key in index.recorded:
                    self._recorded[key] = index.recorded[key]
                else:
                    self._recorded.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)

    def urls(self) -> list[str]:
        """The (canonical) URL of every captured response."""
        return list(self._entries)

    def answered_urls(self) -> list[str]:
        """The URLs, as recorded, of every capture answered 200 OK, in capture order."""
        return [
            self._recorded.get(key, key)
            for key, packed in self._entries.items()
            if packed & _STATUS_MASK == 200
        ]

    def get(self, url: str) -> ArchivedResponse | None:
        packed = self._entries.get(url_key(url))
        if packed is None:
            return None
        path = self._paths[packed >> _STATUS_BITS & _FILE_MASK]
        stream = self._streams.get(path)
        if stream is None:
            stream = self._streams[path] = open(path, "rb")  # noqa: SIM115 - closed by close()
        return _response_at(stream, packed >> (_STATUS_BITS + _FILE_BITS), path)

    def close(self) -> None:
        for stream in self._streams.values():
            stream.close()
        self._streams.clear()


@lru_cache(maxsize=16)
def _index_file(path: Path, size: int, mtime_ns: int) -> _FileIndex:
    """One archive's index, read once per process however many times a crawl asks (planning,
    the frontier's archive check, the replay middleware); a changed file is read again."""
    entries: dict[str, int] = {}
    recorded: dict[str, str] = {}
    latest = ""
    for offset, response in iter_responses(path):
        key = url_key(response.url)
        status = response.status if 0 <= response.status <= _STATUS_MASK else 0
        entries[key] = offset << (_STATUS_BITS + _FILE_BITS) | status
        if response.url != key:
            recorded[key] = response.url
        else:
            recorded.pop(key, None)  # the last capture wins, and it was recorded as its key
        latest = max(latest, response.date)
    return _FileIndex(entries, recorded, latest)


def load_manifest(path: Path) -> dict[str, Any]:
    """The fixture manifest: {seeds: [url…], records: [{url, status, file|location, …}]}."""
    if not path.is_file():
        raise ArchiveError(f"{path}: fixture manifest not found")
    manifest = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for index, record in enumerate(manifest.get("records", [])):
        for key in ("url", "status", "fetched_at"):
            if key not in record:
                raise ArchiveError(f"{path}: records[{index}] lacks {key!r}")
    return manifest


def build_archive_from_manifest(manifest_path: Path, out_path: Path) -> int:
    """Write the fixture WARC from the manifest's pages; return the number of records.

    The file is written to a temporary name and moved into place, so a failed build never
    leaves a half-written archive where the crawl would replay it.
    """
    manifest = load_manifest(manifest_path)
    base = manifest_path.parent
    tmp_path = out_path.with_suffix(out_path.suffix + ".tmp")
    count = 0
    with open(tmp_path, "wb") as stream:
        for record in manifest.get("records", []):
            body = (base / record["file"]).read_bytes() if record.get("file") else b""
            headers = [("Date", _http_date(record["fetched_at"]))]
            if record.get("content_type"):
                headers.append(("Content-Type", record["content_type"]))
            if record.get("location"):
                headers.append(("Location", record["location"]))
            if record.get("etag", True) and body:
                headers.append(("ETag", '"' + hashlib.sha256(body).hexdigest()[:16] + '"'))
            write_response(
                stream, record["url"], int(record["status"]), headers, body, record["fetched_at"]
            )
            count += 1
    tmp_path.replace(out_path)
    return count


def _http_date(iso: str) -> str:
    from datetime import datetime

    moment = datetime.fromisoformat(iso)  # Python 3.11 reads a trailing Z
    return formatdate(moment.timestamp(), usegmt=True)
