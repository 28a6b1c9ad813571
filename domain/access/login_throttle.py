"""Slowing down password guessing: failed sign-ins are counted per account and per
client address; past a few failures each key is locked for a growing while."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

WINDOW = timedelta(minutes=15)
FREE_FAILURES_PER_ACCOUNT = 5
FREE_FAILURES_PER_ADDRESS = 20
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)


@dataclass(frozen=True)
class ThrottleKey:
    key: str
    free_failures: int


def keys_for(email: str, client_address: str | None) -> list[ThrottleKey]:
    keys = [ThrottleKey(f"account:{email}", FREE_FAILURES_PER_ACCOUNT)]
    if client_address:
        keys.append(ThrottleKey(f"address:{client_address}", FREE_FAILURES_PER_ADDRESS))
    return keys


def lock_after(failures: int, free_failures: int) -> timedelta | None:
    """`free_failures` failed attempts go unrefused: the failure that uses up the allowance
    locks the key for 30 s, so the next attempt is refused; each further failure doubles
    the lock, up to 15 minutes."""
    excess = failures - free_failures
    if excess < 0:
        return None
    return min(FIRST_LOCK * (1 << min(excess, 16)), LONGEST_LOCK)


class LoginThrottleRepository(Protocol):
    async def locked_until(self, key: str) -> datetime | None: ...
    async def record_failure(self, key: str, now: datetime) -> int:
        """Counts one failure atomically (restarting the count after WINDOW); returns the
        count."""
        ...

    async def lock(self, key: str, until: datetime) -> None: ...
    async def clear(self, key: str) -> None: ...
