"""Dependencies: the unit of work for a request, the calling principal, ETags."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request, Response
from fastapi.security import OAuth2PasswordBearer

from api.rate_limits import Quota, RateLimits
from auth import api_keys, sessions
from auth.passwords import Argon2PasswordHasher
from auth.tokens import TokenSettings
from domain.access.principal import Principal
from domain.clock import utcnow
from domain.errors import AuthenticationFailed, RateLimited
from domain.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageRequest
from persistence.api_keys import ApiKeyStates
from persistence.auth_sessions import SessionStates
from persistence.database import Database
from persistence.process_copies import process_copies
from persistence.uow import SqlUnitOfWork

# Dependencies are `async def` even when they await nothing: FastAPI runs a plain `def`
# dependency in a worker thread, a thread hop per dependency per request, which on a busy
# machine costs more than the query the request makes.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_uow(request: Request) -> AsyncIterator[SqlUnitOfWork]:
    database: Database = request.app.state.database
    async with SqlUnitOfWork(database.sessions(), process_copies(database)) as uow:
        yield uow
        await uow.commit()


# scope="function": the commit above runs when the route returns, before the response is
# sent, so a 2xx always means the write landed; an error in the route rolls back.
UoW = Annotated[SqlUnitOfWork, Depends(get_uow, scope="function")]


async def get_read_uow(request: Request) -> AsyncIterator[SqlUnitOfWork]:
    database: Database = request.app.state.database
    async with SqlUnitOfWork(database.read_sessions(), process_copies(database)) as uow:
        yield uow


# For routes that only read: their statements run without a transaction around them
# (persistence/database.py, read_sessions), and a write through it fails. Each statement
# sees what was committed when it ran: fine for a record, a page (one statement) or a
# board whose counts and cards may be a moment apart; a route whose statements must see
# one state, or that sets something for its transaction (SET LOCAL), takes UoW.
ReadUoW = Annotated[SqlUnitOfWork, Depends(get_read_uow, scope="function")]


async def get_uow_factory(request: Request) -> Callable[[], SqlUnitOfWork]:
    """For work that outlives the request's own unit of work (a streamed export): each
    call opens a unit of work of its own, which its user commits and closes."""
    database: Database = request.app.state.database

    def new_uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(database.sessions())

    return new_uow


NewUoW = Annotated[Callable[[], SqlUnitOfWork], Depends(get_uow_factory)]


async def get_token_settings(request: Request) -> TokenSettings:
    settings: TokenSettings = request.app.state.token_settings
    return settings


async def get_hasher(request: Request) -> Argon2PasswordHasher:
    hasher: Argon2PasswordHasher = request.app.state.hasher
    return hasher


Tokens = Annotated[TokenSettings, Depends(get_token_settings)]
Hasher = Annotated[Argon2PasswordHasher, Depends(get_hasher)]


async def get_principal(
    request: Request, settings: Tokens, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    """The caller: a person whose sign-in must still be live (auth/sessions.py), or an
    integration whose API key is neither revoked nor expired (auth/api_keys.py), told
    apart by the key's prefix."""
    if not token:
        raise AuthenticationFailed("Sign in first: this needs a bearer access token.")
    database: Database = request.app.state.database
    limits: RateLimits = request.app.state.rate_limits
    client = request.client.host if request.client else None
    quota = limits.user
    try:
        if api_keys.is_api_key(token):
            caller = await api_keys.authenticate_key(
                ApiKeyStates(database), token, client, utcnow()
            )
            principal, quota = caller.principal, limits.for_key(caller.requests_per_minute)
        else:
            principal = await sessions.authenticate(SessionStates(database), settings, token)
    except AuthenticationFailed:
        # A credential that names nobody counts against its address, as no credential does.
        await _count(request, limits.anonymous, client or "unknown")
        raise
    await _count(request, quota, str(principal.user_id))
    return principal


async def _count(request: Request, quota: Quota, who: str) -> None:
    """Counts the request against `quota` for `who`; the answer's RateLimit headers tell
    what is left (api/middleware.py); past the limit, 429 before the route runs."""
    decision = await request.app.state.rate_limits.hit(quota, who)
    request.state.rate_limit = decision
    if not decision.allowed:
        raise RateLimited(max(1, decision.reset_seconds))


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


async def expected_version(
    if_match: Annotated[
        str | None,
        Header(
            description="The record's ETag as last read; a stale one answers 412.",
            pattern=r'^(\*|(W/)?"[0-9]{1,18}")$',
            examples=['"3"'],
        ),
    ] = None,
) -> int | None:
    """A malformed If-Match is a 422 (the header pattern); a stale one is a 412."""
    if if_match is None or if_match == "*":
        return None
    return int(if_match.removeprefix("W/").strip('"'))


IfMatch = Annotated[int | None, Depends(expected_version)]


def page_request(default_sort: str) -> Any:
    """A dependency reading `limit`, `cursor` and `sort` for a list endpoint."""

    async def dependency(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
        cursor: Annotated[
            str | None,
            Query(
                max_length=1000,
                description="A `next_cursor` this list answered; any other is a 400.",
            ),
        ] = None,
        sort: Annotated[
            str, Query(max_length=50, description="A field; prefix `-` for descending.")
        ] = default_sort,
    ) -> PageRequest:
        key: bytes = request.app.state.cursor_key
        return PageRequest(limit=limit, cursor=cursor, sort=sort, cursor_key=key)

    return Depends(dependency)
