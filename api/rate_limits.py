"""Rate limits: how many requests an API key, a signed-in person, or an address without
a credential may send per window, counted with the `limits` library (fixed windows) in
Redis when `REDIS_URL` is set, so every process and machine shares the count, and in the
process otherwise.

Each answer carries the quota it was counted against and what is left, as the IETF's
RateLimit header fields say (draft-ietf-httpapi-ratelimit-headers):
`RateLimit-Policy: "user";q=600;w=60` and `RateLimit: "user";r=599;t=42` (requests left,
seconds until the window resets). Past the limit the answer is 429 with `Retry-After`,
before the route runs. A person or key is counted once they are authenticated (an
unverified token names nobody); a request without a credential, by its address."""

from __future__ import annotations

import time
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerMinute, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter

from api.settings import Settings, SettingsError


@dataclass(frozen=True)
class Quota:
    name: str  # the policy's name in the headers: "key", "user" or "anonymous"
    item: RateLimitItem

    @property
    def policy(self) -> str:
        return f'"{self.name}";q={self.item.amount};w={self.item.get_expiry()}'


@dataclass(frozen=True)
class Decision:
    quota: Quota
    allowed: bool
    remaining: int
    reset_seconds: int

    def headers(self) -> list[tuple[bytes, bytes]]:
        return [
            (b"ratelimit-policy", self.quota.policy.encode()),
            (
                b"ratelimit",
                f'"{self.quota.name}";r={self.remaining};t={self.reset_seconds}'.encode(),
            ),
        ]


def _quota(name: str, notation: str, setting: str) -> Quota:
    try:
        return Quota(name, parse(notation))
    except ValueError:
        raise SettingsError(f"{setting}={notation!r} is not a rate like '600/minute'.") from None


class RateLimits:
    def __init__(self, settings: Settings) -> None:
        self.key = _quota("key", settings.rate_limit_key, "CRM_RATE_LIMIT_KEY")
        self.user = _quota("user", settings.rate_limit_user, "CRM_RATE_LIMIT_USER")
        self.anonymous = _quota(
            "anonymous", settings.rate_limit_anonymous, "CRM_RATE_LIMIT_ANONYMOUS"
        )
        storage: Storage
        if settings.redis_url:
            url = settings.redis_url
            storage = RedisStorage(
                url if url.startswith("async+") else f"async+{url}", implementation="redispy"
            )
        else:
            storage = MemoryStorage()
        self.limiter = FixedWindowRateLimiter(storage)
        self._per_key: dict[int, Quota] = {}

    def for_key(self, requests_per_minute: int | None) -> Quota:
        """A key's quota: its own rate when it has one, else the default for keys. Keys
        of one rate share a quota object, not a count: each key counts as itself."""
        if requests_per_minute is None:
            return self.key
        quota = self._per_key.get(requests_per_minute)
        if quota is None:
            quota = Quota("key", RateLimitItemPerMinute(requests_per_minute))
            self._per_key[requests_per_minute] = quota
        return quota

    async def hit(self, quota: Quota, who: str) -> Decision:
        allowed = await self.limiter.hit(quota.item, quota.name, who)
        stats = await self.limiter.get_window_stats(quota.item, quota.name, who)
        reset = max(0, int(stats.reset_time - time.time() + 0.999))
        return Decision(quota, allowed, stats.remaining, reset)
