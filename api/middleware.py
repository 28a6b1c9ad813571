"""The outermost layer of every request: its id, its access-log line, and the last word
on errors nothing else handled."""

from __future__ import annotations

import logging
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logging import request_id
from api.metrics import Metrics
from api.problems import problem_response
from api.rate_limits import RateLimits
from api.schemas.common import FieldErrorOut

# Every answer: no type sniffing, no framing by other sites, referrers kept to our origin
# when leaving it. HSTS only over TLS (as the server sees it, so behind a proxy with
# uvicorn's --proxy-headers): over plain HTTP a browser ignores it anyway.
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")

access_log = logging.getLogger("crm.access")
error_log = logging.getLogger("crm.errors")


class RequestMiddleware:
    """Takes `X-Request-ID` from the caller (or makes one) and returns it with the
    security headers, logs one line per request, and turns an unhandled exception into a
    500 problem that carries the request id but no trace or message of the exception."""

    def __init__(
        self, app: ASGIApp, metrics: Metrics | None = None, limits: RateLimits | None = None
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = incoming if 0 < len(incoming) <= 128 and incoming.isprintable() else uuid.uuid4().hex
        token = request_id.set(rid)
        added = [(b"x-request-id", rid.encode()), *_SECURITY_HEADERS]
        if scope.get("scheme") == "https":
            added.append(_HSTS)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                # The quota the request was counted against (api/deps.py, or below).
                counted = scope.get("state", {}).get("rate_limit")
                limited = counted.headers() if counted is not None else []
                message["headers"] = [*message.get("headers", []), *added, *limited]
            await send(message)

        try:
            if b"%00" in scope.get("query_string", b"") or "\x00" in scope["path"]:
                # PostgreSQL cannot store or compare text with NUL: refused up front.
                response = problem_response(
                    422,
                    "The URL contains a NUL character.",
                    code="validation-failed",
                    errors=[
                        FieldErrorOut(
                            field="query", message="contains a NUL character", code="invalid_format"
                        )
                    ],
                )
                await response(scope, receive, send_with_id)
                return
            if self.limits is not None and not await self._anonymous_allowed(scope, self.limits):
                response = problem_response(
                    429,
                    "Too many requests without a credential from this address; wait a moment.",
                    code="rate-limited",
                    title="Too many requests",
                )
                decision = scope["state"]["rate_limit"]
                response.headers["Retry-After"] = str(max(1, decision.reset_seconds))
                await response(scope, receive, send_with_id)
                return
            await self.app(scope, receive, send_with_id)
        except Exception:
            error_log.exception("unhandled error", extra={"path": scope["path"]})
            if not response_started:
                response = problem_response(
                    500, "Something went wrong on our side; the request id helps us find it."
                )
                await response(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            access_log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                },
            )
            if self.metrics is not None:
                self.metrics.observe(scope, status, seconds)
            request_id.reset(token)

    async def _anonymous_allowed(self, scope: Scope, limits: RateLimits) -> bool:
        """A request to the API without a credential (signing in, refreshing, a calendar
        feed) is counted against its address; one with a credential is counted once the
        credential is known (api/deps.py)."""
        if not scope["path"].startswith("/api/") or any(
            name == b"authorization" for name, _ in scope["headers"]
        ):
            return True
        client = scope.get("client")
        decision = await limits.hit(limits.anonymous, client[0] if client else "unknown")
        scope.setdefault("state", {})["rate_limit"] = decision
        return decision.allowed
