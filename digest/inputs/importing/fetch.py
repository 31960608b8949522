"""Polite, guarded HTTP for `digest import`: a timeout on every fetch, a user agent naming
digest, at most a few requests at a time to one host, conditional GETs (ETag and
Last-Modified kept in a small state file in the cache folder), and no request to `file:`,
loopback, link-local or private addresses unless the curator allows them. The address is
checked again on the socket actually connected (and on every redirect), so a name that
resolves to a private address at connect time is refused too."""
from __future__ import annotations

import gzip
import http.client
import ipaddress
import json
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from email.message import Message
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from digest.inputs.importing.model import ImportFailure
from digest.output import write_atomic

try:
    VERSION = metadata.version("digest")
except metadata.PackageNotFoundError:  # a source checkout that was never installed
    VERSION = "0"
USER_AGENT = f"digest/{VERSION} (news digest importer; python)"
STATE_FILE = "import-http.json"
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
PER_HOST = 2


class Refused(ImportFailure):
    """An address the import may not reach (local or private, or a scheme not allowed)."""


def address_allowed(address: str) -> bool:
    """A public unicast address: not loopback, link-local, private, multicast or reserved."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified)


def check_url(url: str, allow_local: bool) -> None:
    """Refuse what an import may not fetch, before any connection is made."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        scheme = f"{parts.scheme}:" if parts.scheme else "relative"
        raise Refused(f"refused: only http(s) addresses are fetched, not {scheme} links")
    if not parts.hostname:
        raise Refused("refused: no host in the address")
    if allow_local:
        return
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost"):
        raise Refused(f"refused: {host} is this machine (--allow-local to allow)")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise ImportFailure(f"cannot resolve {host}: {getattr(err, 'strerror', None) or err} "
                            "(no network?)") from None
    for info in infos:
        if not address_allowed(info[4][0]):
            raise Refused(f"refused: {host} is a local or private address ({info[4][0]}); "
                          "--allow-local to allow")


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    not_modified: bool = False
    validators: dict[str, str] = field(default_factory=dict)  # etag, last_modified


class Fetcher:
    """One import's HTTP client. Thread-safe: feeds' pages are fetched a few at a time."""

    def __init__(self, cache: Path | None, allow_local: bool = False, timeout: float = 20.0,
                 per_host: int = PER_HOST, remember: bool = True):
        self.allow_local = allow_local
        self.timeout = timeout
        self.per_host = per_host
        self.state_path = cache / STATE_FILE if cache else None
        self.remember = remember
        self.state: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        if self.state_path and self.state_path.is_file():
            try:
                data = json.loads(self.state_path.read_text(encoding="utf-8"))
                self.state = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self.state = {}  # a broken state file costs one full fetch, nothing more
        self._dirty = False

    def _host_slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(self.per_host))

    def get(self, url: str, conditional: bool = True) -> Response:
        """GET `url`, following redirects (each one checked). With `conditional`, sends the
        validators remembered from the last import: a 304 comes back as `not_modified`."""
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                             "application/atom+xml,application/xml;q=0.9,*/*;q=0.8"}
        known = self.state.get(url, {}) if conditional else {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, self.allow_local)
            parts = urlsplit(current)
            with self._host_slot(parts.hostname or ""):
                status, reply_headers, body = self._request(parts, headers)
            if status in (301, 302, 303, 307, 308) and reply_headers.get("location"):
                current = urljoin(current, reply_headers["location"])
                headers.pop("If-None-Match", None)
                headers.pop("If-Modified-Since", None)
                continue
            break
        else:
            raise ImportFailure(f"more than {MAX_REDIRECTS} redirects")
        if status == 304:
            return Response(url=current, status=304, not_modified=True)
        if status >= 400:
            reason = http.client.responses.get(status, "error")
            raise ImportFailure(f"HTTP {status} {reason}")
        message = Message()
        message["content-type"] = reply_headers.get("content-type", "")
        validators = {k: v for k, v in (("etag", reply_headers.get("etag")),
                                        ("last_modified", reply_headers.get("last-modified")))
                      if v}
        return Response(url=current, status=status, body=body,
                        content_type=message.get_content_type(),
                        charset=message.get_param("charset"), validators=validators)

    def _request(self, parts, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        allow_local = self.allow_local

        def connect(address, timeout=None, source_address=None, **kwargs):
            sock = socket.create_connection(address, timeout, source_address)
            peer = sock.getpeername()[0]
            if not allow_local and not address_allowed(peer):
                sock.close()
                raise Refused(f"refused: {parts.hostname} connected to a local or private "
                              f"address ({peer}); --allow-local to allow")
            return sock

        kind = http.client.HTTPSConnection if parts.scheme == "https" \
            else http.client.HTTPConnection
        conn = kind(parts.hostname, parts.port, timeout=self.timeout)
        conn._create_connection = connect  # the socket's real peer is checked
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        deadline = time.monotonic() + self.timeout * 3
        try:
            conn.request("GET", path, headers=headers)
            reply = conn.getresponse()
            chunks, size = [], 0
            while True:
                chunk = reply.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_BYTES:
                    raise ImportFailure(f"larger than {MAX_BYTES // 2**20} MB: not fetched")
                if time.monotonic() > deadline:
                    raise ImportFailure(f"timed out after {self.timeout * 3:g} s")
                chunks.append(chunk)
            reply_headers = {k.lower(): v for k, v in reply.getheaders()}
            body = b"".join(chunks)
        except (socket.timeout, TimeoutError):
            raise ImportFailure(f"timed out after {self.timeout:g} s") from None
        except ImportFailure:
            raise
        except (OSError, http.client.HTTPException) as err:
            reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
            raise ImportFailure(f"cannot fetch: {reason} (no network?)") from None
        finally:
            conn.close()
        encoding = reply_headers.get("content-encoding", "").lower()
        try:
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "deflate":
                body = zlib.decompress(body)
        except (OSError, EOFError, zlib.error):
            raise ImportFailure(f"broken {encoding} response") from None
        return reply.status, reply_headers, body

    def remember_validators(self, url: str, response: Response) -> None:
        """Keep ETag/Last-Modified for `url` (once everything it held was imported)."""
        if response.validators:
            with self._lock:
                self.state[url] = dict(response.validators)
                self._dirty = True

    def save(self) -> None:
        if self._dirty and self.remember and self.state_path is not None:
            data = json.dumps(self.state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
            write_atomic(self.state_path, data.encode("utf-8"))
            self._dirty = False
