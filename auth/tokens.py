"""Access tokens (JWT, python-jose) and opaque refresh tokens.

The verifying side fixes the algorithm: a token's own `alg` header is never trusted, so
`none` and algorithm-confusion tokens fail like any bad signature."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from jose import JWTError, jwt

from domain.access.levels import AccessMatrix
from domain.access.principal import Principal
from domain.access.roles import RECORD_PERMISSION_SET, Permission, record_permissions
from domain.access.users import User
from domain.errors import InvalidToken

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("sub", "sid", "sv", "role", "rank", "perms", "acc", "exp", "iat", "jti")
# Clocks of the processes that issue and verify tokens may differ by this much.
CLOCK_SKEW = timedelta(seconds=30)


@dataclass(frozen=True)
class TokenSettings:
    secret: str
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(days=30)


def issue_access_token(settings: TokenSettings, user: User, session_id: UUID, now: datetime) -> str:
    """A token for one sign-in (`sid`) carrying the user's claims as of now, and the
    version of those claims (`sv`), which a change of role or team raises."""
    claims: dict[str, Any] = {
        "sub": str(user.id),
        "sid": str(session_id),
        "sv": user.security_version,
        "role": str(user.role.id),
        "rank": user.role.rank,
        "perms": sorted(p.value for p in user.role.permissions),
        # The role's access levels, `<kind>:<read><write>` (README, "Access tokens").
        "acc": user.role.access.compact(),
        "team": str(user.team_id) if user.team_id else None,
        "iat": int(now.timestamp()),
        "exp": int((now + settings.access_ttl).timestamp()),
        "jti": uuid4().hex,
    }
    return str(jwt.encode(claims, settings.secret, algorithm=ALGORITHM))


def verify_access_token(settings: TokenSettings, token: str, now: datetime) -> Principal:
    """A principal from a well-formed token this server signed, not expired and not
    issued in the future. Whether its session is still live is the caller's check."""
    try:
        claims = jwt.decode(
            token,
            settings.secret,
            algorithms=[ALGORITHM],
            options={f"require_{name}": True for name in ("exp", "iat", "sub", "jti")},
        )
    except JWTError as error:
        raise InvalidToken("The access token is invalid or expired.") from error
    try:
        if "scope" in claims and "acc" not in claims:
            raise InvalidToken(
                "The access token is from before access levels per kind of record;"
                " refresh it or sign in again."
            )
        missing = [name for name in REQUIRED_CLAIMS if name not in claims]
        if missing:
            raise ValueError(f"missing claims {missing}")
        if not isinstance(claims["iat"], int) or claims["iat"] > (now + CLOCK_SKEW).timestamp():
            raise ValueError("issued in the future")
        if not isinstance(claims["sv"], int) or isinstance(claims["sv"], bool):
            raise ValueError("malformed security version")
        team = claims.get("team")
        if not isinstance(claims["acc"], str):
            raise ValueError("malformed access levels")
        access = AccessMatrix.from_compact(claims["acc"])
        grants = frozenset(Permission(p) for p in claims["perms"]) - RECORD_PERMISSION_SET
        return Principal(
            user_id=UUID(claims["sub"]),
            role_id=UUID(claims["role"]),
            rank=int(claims["rank"]),
            permissions=grants | record_permissions(access),
            access=access,
            team_id=UUID(team) if team else None,
            session_id=UUID(claims["sid"]),
            security_version=claims["sv"],
        )
    except (ValueError, TypeError, KeyError) as error:
        raise InvalidToken("The access token's claims are malformed.") from error


def new_refresh_token() -> tuple[str, str]:
    """A fresh opaque token and the hash stored in its place. 256 random bits need no
    slow hash: SHA-256 is enough to keep a database leak from yielding usable tokens."""
    raw = secrets.token_urlsafe(32)
    return raw, hash_refresh_token(raw)


def hash_refresh_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
