"""Password hashing (argon2id through passlib) and the password policy.

zxcvbn judges strength: it knows the common-password lists, keyboard walks, dates and
the user's own name and e-mail, which a hand-kept deny list would not."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from passlib.context import CryptContext
from zxcvbn import zxcvbn

from domain.errors import FieldErrorCode, ValidationFailed

MIN_LENGTH = 10
MAX_LENGTH = 256
MIN_STRENGTH = 3  # zxcvbn score 0..4; 3 is "safely unguessable" against online attacks

_context = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19456,  # OWASP's argon2id baseline: 19 MiB, t=2, p=1
    argon2__time_cost=2,
    argon2__parallelism=1,
)
# Verified against when the e-mail is unknown, so a miss costs as long as a hit.
_DUMMY_HASH = _context.hash("dummy password that never matches anything")


class Argon2PasswordHasher:
    """Implements `domain.access.users.PasswordHasher`."""

    # Hashing takes tens of milliseconds of CPU on purpose: off the event loop with it.

    async def hash_new(
        self, password: str, user_inputs: Sequence[str], field: str = "password"
    ) -> str:
        check_strength(password, user_inputs, field)
        return str(await asyncio.to_thread(_context.hash, password))

    async def verify(self, password: str, hashed: str | None) -> bool:
        if hashed is None:
            await asyncio.to_thread(_context.verify, password, _DUMMY_HASH)
            return False
        return bool(await asyncio.to_thread(_context.verify, password, hashed))


def check_strength(password: str, user_inputs: Sequence[str], field: str = "password") -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationFailed.on(
            field,
            f"must be at least {MIN_LENGTH} characters long",
            FieldErrorCode.TOO_SHORT,
            min_length=MIN_LENGTH,
        )
    if len(password) > MAX_LENGTH:
        raise ValidationFailed.on(
            field,
            f"must be at most {MAX_LENGTH} characters long",
            FieldErrorCode.TOO_LONG,
            max_length=MAX_LENGTH,
        )
    inputs = [part for value in user_inputs for part in value.replace("@", " ").split()]
    result = zxcvbn(password, user_inputs=inputs)
    if result["score"] < MIN_STRENGTH:
        warning = result["feedback"]["warning"] or "This password is too easy to guess."
        raise ValidationFailed.on(field, f"is too weak: {warning}", FieldErrorCode.WEAK_PASSWORD)
