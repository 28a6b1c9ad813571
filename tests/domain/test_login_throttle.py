"""The lockout schedule and throttle keys, without a database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.access.login_throttle import (
    FREE_FAILURES_PER_ACCOUNT,
    FREE_FAILURES_PER_ADDRESS,
    keys_for,
    lock_after,
)

FIRST = timedelta(seconds=30)
CAP = timedelta(minutes=15)


def test_allowances_are_five_per_account_and_twenty_per_address() -> None:
    """An account gets 5 free failures, a client address 20."""
    assert FREE_FAILURES_PER_ACCOUNT == 5
    assert FREE_FAILURES_PER_ADDRESS == 20


@pytest.mark.parametrize("failures", [0, 1, 2, 3, 4])
def test_no_lock_within_the_allowance(failures: int) -> None:
    """Failures before the allowance is used up lock nothing."""
    assert lock_after(failures, 5) is None


def test_first_lock_when_the_allowance_is_used_up() -> None:
    """The failure that uses up the allowance locks for 30 seconds, so the next try waits."""
    assert lock_after(5, 5) == FIRST
    assert lock_after(20, 20) == FIRST
    assert lock_after(19, 20) is None


@pytest.mark.parametrize(
    ("failures", "expected"),
    [
        (5, timedelta(seconds=30)),
        (6, timedelta(seconds=60)),
        (7, timedelta(seconds=120)),
        (8, timedelta(seconds=240)),
        (9, timedelta(seconds=480)),
        (10, timedelta(minutes=15)),  # 960 s would exceed the cap
        (11, timedelta(minutes=15)),
    ],
)
def test_lock_doubles_with_each_further_failure_up_to_fifteen_minutes(
    failures: int, expected: timedelta
) -> None:
    """Each failure past the allowance doubles the lock: 30 s, 60 s, ... capped at 15 min."""
    assert lock_after(failures, 5) == expected


@pytest.mark.parametrize("failures", [40, 10_000, 2**63, 10**100])
def test_huge_failure_counts_stay_capped_without_overflow(failures: int) -> None:
    """Absurd failure counts still give exactly the 15-minute cap, never an overflow."""
    assert lock_after(failures, 5) == CAP
    assert lock_after(failures, 20) == CAP


def test_lock_is_monotonic_in_the_failure_count() -> None:
    """More failures never shorten the lock."""
    locks = [lock_after(n, 5) or timedelta(0) for n in range(0, 60)]
    assert locks == sorted(locks)
    assert max(locks) == CAP


def test_keys_cover_the_account_and_the_address() -> None:
    """A sign-in is counted against its account and, when known, its client address."""
    keys = keys_for("maria@example.com", "203.0.113.7")
    assert [(k.key, k.free_failures) for k in keys] == [
        ("account:maria@example.com", FREE_FAILURES_PER_ACCOUNT),
        ("address:203.0.113.7", FREE_FAILURES_PER_ADDRESS),
    ]


def test_keys_without_an_address_cover_only_the_account() -> None:
    """Without a client address only the account is counted."""
    assert [k.key for k in keys_for("maria@example.com", None)] == ["account:maria@example.com"]
