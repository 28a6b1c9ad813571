"""Webhooks' rules without a database: the retry schedule, event type patterns, which
addresses a webhook may reach."""

from __future__ import annotations

import ipaddress
import random
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import ValidationFailed
from domain.integrations import webhooks
from domain.integrations.webhooks import UrlPolicy


def test_the_retry_schedule_lasts_about_three_days_with_jitter() -> None:
    now = datetime(2026, 12, 7, tzinfo=UTC)
    total = sum(webhooks.RETRY_DELAYS, timedelta())
    assert timedelta(days=2.5) < total < timedelta(days=3.5)
    assert webhooks.RETRY_DELAYS[:3] == (
        timedelta(seconds=5),
        timedelta(minutes=5),
        timedelta(minutes=30),
    )
    rng = random.Random(7)  # noqa: S311 (a seeded schedule, not a secret)
    for attempts, delay in enumerate(webhooks.RETRY_DELAYS, start=1):
        at = webhooks.retry_at(attempts, now, rng)
        assert at is not None
        assert delay * 0.8 <= at - now <= delay * 1.2
    assert webhooks.retry_at(webhooks.MAX_ATTEMPTS, now, rng) is None


def test_patterns_expand_to_the_feeds_types() -> None:
    assert webhooks.feed_types(["*", "deal.*"]) == frozenset()
    deals = webhooks.feed_types(["deal.*"])
    assert "deal.won" in deals and "deal.out_of_scope" in deals
    assert not any(name.startswith("contact.") for name in deals)
    assert webhooks.feed_types(["contact.created"]) == {"contact.created"}
    with pytest.raises(ValidationFailed):
        webhooks.check_event_types(["deals.*"])
    with pytest.raises(ValidationFailed):
        webhooks.check_event_types([])


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 (an address refused, not bound)
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fd00:ec2::254",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.1",
    ],
)
def test_internal_addresses_are_forbidden(address: str) -> None:
    assert webhooks.forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_not(address: str) -> None:
    assert not webhooks.forbidden(ipaddress.ip_address(address))


async def test_an_allowed_network_lets_its_addresses_through() -> None:
    policy = UrlPolicy(allow_http=True, allowed=("10.1.0.0/16", "hooks.lan"))
    target = await webhooks.check_url("http://10.1.2.3:8080/x", policy)
    assert (target.address, target.port) == ("10.1.2.3", 8080)
    assert (await webhooks.check_url("http://hooks.lan/x", policy)).address == "hooks.lan"
    with pytest.raises(ValidationFailed):
        await webhooks.check_url("http://10.2.0.1/x", policy)
    with pytest.raises(ValidationFailed):
        await webhooks.check_url("https://user:pw@93.184.215.14/x", policy)


def test_secrets_and_message_ids_have_their_prefixes() -> None:
    assert webhooks.new_secret().startswith("whsec_")
    assert webhooks.new_message_id().startswith("msg_")
    assert webhooks.new_secret() != webhooks.new_secret()
