"""Contact e-mails and phones, and company website domains, without a database."""

from __future__ import annotations

import pytest

from domain.contacts.companies import normalize_domain
from domain.contacts.contacts import (
    MAX_EMAILS,
    MAX_PHONES,
    ContactEmail,
    ContactPhone,
    normalize_emails,
    normalize_phones,
)
from domain.errors import ValidationFailed


def fields_of(error: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    """The field paths a validation error names."""
    return [e.field for e in error.value.errors]


# --- E-mails -------------------------------------------------------------------------------


def test_emails_are_trimmed_and_lower_cased() -> None:
    """Addresses are stored trimmed and entirely lower-case."""
    result = normalize_emails([ContactEmail("  Maria.Lopez@Example.COM ")])
    assert result == [ContactEmail("maria.lopez@example.com", True)]


def test_first_email_is_primary_unless_another_is_marked() -> None:
    """With none marked the first is primary; with one marked, exactly that one."""
    unmarked = normalize_emails([ContactEmail("a@x.io"), ContactEmail("b@x.io")])
    assert [e.primary for e in unmarked] == [True, False]
    marked = normalize_emails([ContactEmail("a@x.io"), ContactEmail("b@x.io", True)])
    assert [e.primary for e in marked] == [False, True]


def test_two_primary_emails_are_refused() -> None:
    """Only one e-mail may be primary."""
    with pytest.raises(ValidationFailed) as error:
        normalize_emails([ContactEmail("a@x.io", True), ContactEmail("b@x.io", True)])
    assert fields_of(error) == ["emails"]


def test_same_email_twice_in_any_case_is_refused_naming_the_repeat() -> None:
    """An address listed twice (case aside) is refused at the second position."""
    with pytest.raises(ValidationFailed) as error:
        normalize_emails([ContactEmail("a@x.io"), ContactEmail("b@x.io"), ContactEmail("A@X.io")])
    assert fields_of(error) == ["emails.2"]


def test_too_many_emails_are_refused() -> None:
    """More than the allowed number of e-mails is refused as `emails`."""
    items = [ContactEmail(f"p{i}@x.io") for i in range(MAX_EMAILS + 1)]
    assert len(normalize_emails(items[:MAX_EMAILS])) == MAX_EMAILS
    with pytest.raises(ValidationFailed) as error:
        normalize_emails(items)
    assert fields_of(error) == ["emails"]


def test_no_emails_is_an_empty_list() -> None:
    """An empty list stays empty (no primary to choose)."""
    assert normalize_emails([]) == []


# --- Phones --------------------------------------------------------------------------------


def test_phones_keep_order_and_first_is_primary() -> None:
    """Phones stay in the given order; the first is primary when none is marked."""
    result = normalize_phones([ContactPhone("+493012345678"), ContactPhone("+16502530000")])
    assert result == [ContactPhone("+493012345678", True), ContactPhone("+16502530000", False)]


def test_marked_phone_is_the_only_primary() -> None:
    """The phone marked primary is the only primary one."""
    result = normalize_phones([ContactPhone("+493012345678"), ContactPhone("+16502530000", True)])
    assert [p.primary for p in result] == [False, True]


def test_two_primary_phones_are_refused() -> None:
    """Only one phone may be primary."""
    with pytest.raises(ValidationFailed) as error:
        normalize_phones(
            [
                ContactPhone("+493012345678", True),
                ContactPhone("+16502530000", True),
            ]
        )
    assert fields_of(error) == ["phones"]


def test_same_phone_twice_is_refused_naming_the_repeat() -> None:
    """A number listed twice is refused at the second position."""
    with pytest.raises(ValidationFailed) as error:
        normalize_phones([ContactPhone("+493012345678"), ContactPhone("+493012345678")])
    assert fields_of(error) == ["phones.1"]


def test_too_many_phones_are_refused() -> None:
    """More than the allowed number of phones is refused as `phones`."""
    items = [ContactPhone(f"+4930123456{i:02d}") for i in range(MAX_PHONES + 1)]
    assert len(normalize_phones(items[:MAX_PHONES])) == MAX_PHONES
    with pytest.raises(ValidationFailed) as error:
        normalize_phones(items)
    assert fields_of(error) == ["phones"]


# --- Company domains -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "example.com"),
        ("  Example.COM ", "example.com"),
        ("https://www.Example.com/about", "example.com"),
        ("http://shop.example.co.uk/?q=1", "shop.example.co.uk"),
        ("www.example.com.", "example.com"),
        ("example.com:8080", "example.com"),
        ("HTTPS://user@www.example.org/path", "example.org"),
        ("example.com?utm=x", "example.com"),
        ("xn--mller-kva.de", "xn--mller-kva.de"),
        ("my-shop.example", "my-shop.example"),
    ],
)
def test_domain_is_normalised(raw: str, expected: str) -> None:
    """Scheme, www., path, query, port, user and a trailing dot go; case is lowered."""
    assert normalize_domain(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "localhost",
        "example",
        "-bad.com",
        "bad-.com",
        "ex ample.com",
        "exa_mple.com",
        "a..com",
        "",
        "https://",
    ],
)
def test_domain_that_is_no_website_is_refused(raw: str) -> None:
    """Something that is not a dotted host name is refused as `domain`."""
    with pytest.raises(ValidationFailed) as error:
        normalize_domain(raw)
    assert fields_of(error) == ["domain"]
