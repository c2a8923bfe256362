"""Sending one webhook message: the address checked (SSRF), signed, POSTed, answer kept.

The receiver's host name is resolved here, at every attempt, and the connection is made to the
address that was checked (not resolved again by the HTTP client), so a DNS answer that changes
between the check and the request (DNS rebinding) cannot reach a private address. Redirects are
not followed: a 3xx is a failure.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.utils import timezone
from standardwebhooks import Webhook

RESPONSE_KEPT_BYTES = 1024
USER_AGENT = "ClaimTracker-Webhooks/1"


class UnsafeTarget(ValueError):
    """The URL is not https, or resolves to an address that is not public."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


@dataclass(frozen=True)
class DeliveryResult:
    status_code: int | None
    duration_ms: int
    error: str = ""
    response_excerpt: str = ""

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def check_url(url: str, *, allow_private: bool | None = None) -> Target:
    """The address to connect to for ``url``; UnsafeTarget unless https on a public address.

    ``WEBHOOK_ALLOW_PRIVATE`` (on in debug only) also allows http and private or loopback
    addresses, for receivers on the developer's machine and in tests.
    """
    if allow_private is None:
        allow_private = settings.WEBHOOK_ALLOW_PRIVATE
    parts = urlsplit(url)
    schemes = {"https", "http"} if allow_private else {"https"}
    if parts.scheme not in schemes:
        raise UnsafeTarget(f"The URL must use https, not {parts.scheme or 'no scheme'}.")
    if not parts.hostname:
        raise UnsafeTarget("The URL has no host.")
    if parts.username or parts.password:
        raise UnsafeTarget("The URL must not carry a user name or password.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeTarget(f"The URL's port is invalid: {error}.") from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeTarget(f"The host {parts.hostname!r} does not resolve: {error}.") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise UnsafeTarget(f"The host {parts.hostname!r} has no address.")
    if not allow_private:
        # Every address must be public: a client could connect to any of them.
        unsafe = [a for a in addresses if not a.is_global or a.is_multicast]
        if unsafe:
            raise UnsafeTarget(
                f"The host {parts.hostname!r} resolves to a non-public address ({unsafe[0]})."
            )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme, parts.hostname, port, path, str(addresses[0]))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the checked address, whatever the host name resolves to now."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """https to the checked address, with SNI and certificate checked for the host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def signed_headers(*, secret: str, message_id: str, at: datetime, body: bytes) -> dict:
    """The Standard Webhooks headers for ``body``."""
    signature = Webhook(secret).sign(message_id, at, body.decode())
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }


def send(*, url: str, secret: str, message_id: str, payload: dict) -> DeliveryResult:
    """POST ``payload`` to ``url``, signed; never raises for a receiver's fault."""
    started = time.monotonic()
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS

    def elapsed_ms() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target = check_url(url)
    except UnsafeTarget as error:
        return DeliveryResult(None, elapsed_ms(), error=f"Refused: {error}")
    body = orjson.dumps(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **signed_headers(secret=secret, message_id=message_id, at=timezone.now(), body=body),
    }
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, timeout=timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        # Each socket operation has the remaining time, so the whole exchange takes at most
        # WEBHOOK_TIMEOUT_SECONDS however slowly the receiver drips its answer.
        connection.sock.settimeout(max(0.01, timeout - (time.monotonic() - started)))
        response = connection.getresponse()
        if connection.sock is not None:
            connection.sock.settimeout(max(0.01, timeout - (time.monotonic() - started)))
        excerpt = response.read(RESPONSE_KEPT_BYTES)
        return DeliveryResult(
            response.status,
            elapsed_ms(),
            response_excerpt=excerpt.decode("utf-8", errors="replace"),
        )
    except (OSError, http.client.HTTPException) as error:
        kind = "Timed out" if isinstance(error, TimeoutError) else "Failed"
        return DeliveryResult(None, elapsed_ms(), error=f"{kind}: {error!r}"[:1000])
    finally:
        connection.close()
