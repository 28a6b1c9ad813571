"""API keys as integrations send them: `crm_live_<public id>_<secret>`.

The prefix tells a key from an access token (a JWT never starts with it) and makes a
leaked key easy to find by secret scanners. The public id, 12 random base32 characters,
finds the key's row; the secret, 256 random bits, proves it. Only a SHA-256 hash of the
whole key is stored: a high-entropy secret needs no slow hash (argon2 would cost tens of
milliseconds on every request), and a leaked table yields no usable key.

Which integration a key signs in, and with which role, is domain/access/api_keys.py."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from domain.access.api_keys import LAST_USED_EVERY, ApiKeyStateReader, IssuedSecret
from domain.access.auth_sessions import clip_client_address
from domain.access.principal import Principal
from domain.errors import InvalidToken

PREFIX = "crm_live_"
PUBLIC_ID_LENGTH = 12
_PUBLIC_ID_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")
# Longer than any key this server makes, so a huge header is refused before hashing.
_MAX_KEY_LENGTH = 200
# One message for every way a key fails: it tells a guesser nothing about which part
# was wrong or whether the key exists.
_REFUSED = "This API key is unknown, revoked or expired."


@dataclass(frozen=True)
class KeyCaller:
    """Who a key signs in, and the rate it may send at (None: the server's default)."""

    principal: Principal
    requests_per_minute: int | None


def is_api_key(credential: str) -> bool:
    return credential.startswith(PREFIX)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> IssuedSecret:
    public_id = base64.b32encode(secrets.token_bytes(10)).decode().lower()[:PUBLIC_ID_LENGTH]
    key = f"{PREFIX}{public_id}_{secrets.token_urlsafe(32)}"
    return IssuedSecret(key=key, public_id=public_id, secret_hash=hash_key(key))


def public_id_of(key: str) -> str | None:
    """The key's public id, or None when the key is not of this server's form."""
    if not is_api_key(key) or len(key) > _MAX_KEY_LENGTH:
        return None
    public_id, separator, secret = key.removeprefix(PREFIX).partition("_")
    if (
        len(public_id) != PUBLIC_ID_LENGTH
        or not separator
        or not secret
        or not set(public_id) <= _PUBLIC_ID_ALPHABET
    ):
        return None
    return public_id


async def authenticate_key(
    states: ApiKeyStateReader, key: str, client_address: str | None, now: datetime
) -> KeyCaller:
    """The integration a key signs in, acting with its role and team as they are now:
    the key must be known, match its stored hash, be neither revoked nor expired, and its
    account active. Read from the database on every request, so a revocation takes
    effect on the next one in every process."""
    public_id = public_id_of(key)
    if public_id is None:
        raise InvalidToken("This API key is malformed.")
    state = await states.state(public_id)
    # compare_digest: the time taken tells nothing about how much of the hash matched.
    if (
        state is None
        or not hmac.compare_digest(state.secret_hash, hash_key(key))
        or state.revoked_at is not None
        or (state.expires_at is not None and state.expires_at <= now)
        or not state.is_active
    ):
        raise InvalidToken(_REFUSED)
    if state.last_used_at is None or state.last_used_at <= now - LAST_USED_EVERY:
        await states.mark_used(state.key_id, now, clip_client_address(client_address))
    principal = Principal(
        user_id=state.key_id,
        role_id=state.role.id,
        rank=state.role.rank,
        permissions=state.role.permissions,
        access=state.role.access,
        team_id=state.team_id,
    )
    return KeyCaller(principal, state.requests_per_minute)
