"""Signing in, refreshing and signing out: the use cases behind `/auth/*`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn
from uuid import UUID

from auth.tokens import (
    TokenSettings,
    hash_refresh_token,
    issue_access_token,
    new_refresh_token,
    verify_access_token,
)
from domain import audit
from domain.access.auth_sessions import (
    AuthSession,
    SessionStateReader,
    clip_client_address,
    clip_user_agent,
)
from domain.access.login_throttle import keys_for, lock_after
from domain.access.principal import Principal
from domain.access.refresh_tokens import RefreshToken
from domain.access.users import PasswordHasher, User, UserKind, normalize_email
from domain.clock import utcnow
from domain.errors import AuthenticationFailed, InvalidToken, TooManyAttempts, ValidationFailed
from domain.uow import UnitOfWork

BAD_CREDENTIALS = "Wrong e-mail or password."


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


async def _issue(
    uow: UnitOfWork, settings: TokenSettings, user: User, session_id: UUID
) -> TokenPair:
    """A token pair for one sign-in: its refresh tokens are the session's family."""
    now = utcnow()
    raw, token_hash = new_refresh_token()
    await uow.refresh_tokens.add(
        RefreshToken(
            user_id=user.id,
            family_id=session_id,
            token_hash=token_hash,
            created_at=now,
            expires_at=now + settings.refresh_ttl,
        )
    )
    return TokenPair(
        access_token=issue_access_token(settings, user, session_id, now),
        refresh_token=raw,
        expires_in=int(settings.access_ttl.total_seconds()),
    )


async def login(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    settings: TokenSettings,
    email: str,
    password: str,
    client_address: str | None,
    user_agent: str | None = None,
) -> TokenPair:
    """The answer never tells whether the e-mail exists: unknown e-mails cost a hash
    verification too, count failures and get locked the same way. The sign-in keeps the
    client's address and User-Agent (cut short), for its user's list of sign-ins."""
    try:
        email = normalize_email(email)
    except ValidationFailed:
        email = email.strip().lower()
    keys = keys_for(email, client_address)
    now = utcnow()
    for key in keys:
        locked_until = await uow.login_throttles.locked_until(key.key)
        if locked_until is not None and locked_until > now:
            raise TooManyAttempts(max(1, int((locked_until - now).total_seconds() + 0.999)))

    user = await uow.users.get_by_email(email)
    if user is not None and user.kind is UserKind.INTEGRATION:
        user = None  # an integration signs in with its API key only, as if unknown
    valid = await hasher.verify(password, user.password_hash if user else None)
    if user is None or not valid or not user.is_active:
        reason = "unknown_email" if user is None else "inactive" if valid else "wrong_password"
        await audit.record_failed_sign_in(
            uow, user.id if user else None, email, client_address, reason
        )
        for key in keys:
            failures = await uow.login_throttles.record_failure(key.key, now)
            lock = lock_after(failures, key.free_failures)
            if lock is not None:
                await uow.login_throttles.lock(key.key, now + lock)
        # The failure count and its audit event must land although the request fails.
        await uow.commit()
        raise AuthenticationFailed(BAD_CREDENTIALS)

    await uow.login_throttles.clear(keys[0].key)
    await uow.users.record_login(user.id, now)
    session = AuthSession(
        user_id=user.id,
        created_at=now,
        user_agent=clip_user_agent(user_agent),
        client_address=clip_client_address(client_address),
    )
    await uow.auth_sessions.add(session)
    await audit.record_sign_in(uow, user.id, email, client_address, session.id)
    return await _issue(uow, settings, user, session.id)


async def authenticate(
    states: SessionStateReader, settings: TokenSettings, access_token: str
) -> Principal:
    """Who calls with this access token: one this server signed, unexpired, whose sign-in
    is live (not ended, its user active) and whose claims are still the user's. So a
    sign-out, deactivation, password, role or team change takes effect on the next
    request (domain/access/auth_sessions.py)."""
    principal = verify_access_token(settings, access_token, utcnow())
    if principal.session_id is None:
        raise InvalidToken("This access token names no sign-in: sign in again.")
    state = await states.live(principal.session_id)
    if (
        state is None
        or state.user_id != principal.user_id
        or state.security_version != principal.security_version
    ):
        raise InvalidToken(
            "This access token's sign-in has ended or its claims changed: refresh it, or"
            " sign in again."
        )
    return principal


async def sign_in_as(uow: UnitOfWork, settings: TokenSettings, user: User) -> str:
    """A live sign-in for the user without a password, and its access token: for callers
    that hold the server and its database already (the test suite, the benchmarks)."""
    now = utcnow()
    session = AuthSession(user_id=user.id, created_at=now)
    await uow.auth_sessions.add(session)
    return issue_access_token(settings, user, session.id, now)


async def refresh(uow: UnitOfWork, settings: TokenSettings, raw_token: str) -> TokenPair:
    now = utcnow()
    token = await uow.refresh_tokens.get_by_hash(hash_refresh_token(raw_token))
    if token is None:
        raise AuthenticationFailed("Unknown refresh token.")
    if token.used_at is not None or token.revoked_at is not None:
        await _revoke_family_and_fail(uow, token, "This refresh token was already used.")
    if token.expires_at <= now:
        raise AuthenticationFailed("The refresh token has expired; sign in again.")
    if not await uow.refresh_tokens.claim(token.id, now):
        await _revoke_family_and_fail(uow, token, "This refresh token was already used.")
    user = await uow.users.get(token.user_id)
    if user is None or not user.is_active:
        await _revoke_family_and_fail(uow, token, "The account is deactivated.")
    await uow.auth_sessions.touch(token.family_id, now)
    return await _issue(uow, settings, user, token.family_id)


async def _revoke_family_and_fail(uow: UnitOfWork, token: RefreshToken, reason: str) -> NoReturn:
    """A rotated token presented again was copied: that sign-in ends, its access tokens
    with it, and the audit trail says so."""
    if await uow.auth_sessions.end(token.family_id, utcnow()):
        await audit.record_session_ended(
            uow, token.user_id, token.family_id, None, "refresh_token_reused"
        )
    await uow.commit()
    raise AuthenticationFailed(f"{reason} Every session of that sign-in is now revoked.")


async def logout(uow: UnitOfWork, raw_token: str) -> None:
    token = await uow.refresh_tokens.get_by_hash(hash_refresh_token(raw_token))
    if token is not None and await uow.auth_sessions.end(token.family_id, utcnow()):
        await audit.record_session_ended(
            uow, token.user_id, token.family_id, token.user_id, "signed_out"
        )
