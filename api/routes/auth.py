from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response, status
from pydantic import AfterValidator

from api.deps import CurrentPrincipal, Hasher, Tokens, UoW
from api.problems import responses
from api.schemas.auth import RefreshIn, TokenPairOut
from api.schemas.fields import at_most
from api.schemas.users import MeRead
from auth import sessions
from domain.access.users import get_user

router = APIRouter(prefix="/auth", tags=["auth"])

# The longest e-mail address (RFC 5321: 64 + 1 + 255, in practice 320) and a password far
# longer than any passphrase: bounds checked before the sign-in costs a database read and
# an argon2 verification (~110 ms of CPU), so oversized forms cannot burn the server's CPU.
MAX_USERNAME = 320
MAX_PASSWORD = 1024
MAX_OTHER = 1000


def _no_control_characters(value: str) -> str:
    # No e-mail address holds one; PostgreSQL cannot even compare text with NUL.
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("must not contain control characters")
    return value


def _no_nul(value: str) -> str:
    # Only NUL: a password may have been set with a tab in it, and must still sign in.
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


class SignInForm:
    """The OAuth2 password form (as FastAPI's OAuth2PasswordRequestForm), every field
    bounded and checked before anything else runs."""

    def __init__(
        self,
        *,
        username: Annotated[
            str,
            Form(description=f"Your e-mail address, at most {MAX_USERNAME} characters."),
            at_most(MAX_USERNAME),
            AfterValidator(_no_control_characters),
        ],
        password: Annotated[
            str,
            Form(
                description=f"At most {MAX_PASSWORD} characters.",
                json_schema_extra={"format": "password"},
            ),
            at_most(MAX_PASSWORD),
            AfterValidator(_no_nul),
        ],
        grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
        scope: Annotated[str, Form(), at_most(MAX_OTHER)] = "",
        client_id: Annotated[str | None, Form(), at_most(MAX_OTHER)] = None,
        client_secret: Annotated[
            str | None, Form(json_schema_extra={"format": "password"}), at_most(MAX_OTHER)
        ] = None,
    ) -> None:
        self.grant_type = grant_type
        self.username = username
        self.password = password
        self.scopes = scope.split()
        self.client_id = client_id
        self.client_secret = client_secret


def _pair(pair: sessions.TokenPair) -> TokenPairOut:
    return TokenPairOut(
        access_token=pair.access_token, refresh_token=pair.refresh_token, expires_in=pair.expires_in
    )


@router.post(
    "/token",
    summary="Sign in with e-mail and password (OAuth2 password flow)",
    responses=responses(401, 422, 429),
)
async def auth_token(
    request: Request,
    response: Response,
    form: Annotated[SignInForm, Depends()],
    uow: UoW,
    hasher: Hasher,
    tokens: Tokens,
) -> TokenPairOut:
    client = request.client.host if request.client else None
    pair = await sessions.login(
        uow,
        hasher,
        tokens,
        form.username,
        form.password,
        client,
        user_agent=request.headers.get("user-agent"),
    )
    response.headers["Cache-Control"] = "no-store"
    return _pair(pair)


@router.post(
    "/refresh",
    summary="Exchange a refresh token for a new token pair (the old one stops working)",
    responses=responses(401, 422),
)
async def auth_refresh(
    body: RefreshIn, response: Response, uow: UoW, tokens: Tokens
) -> TokenPairOut:
    pair = await sessions.refresh(uow, tokens, body.refresh_token)
    response.headers["Cache-Control"] = "no-store"
    return _pair(pair)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out: revoke the refresh token and every token rotated from it",
    responses=responses(422),
)
async def auth_logout(body: RefreshIn, uow: UoW) -> None:
    await sessions.logout(uow, body.refresh_token)


@router.get("/me", summary="The signed-in user, role and permissions", responses=responses(401))
async def auth_me(principal: CurrentPrincipal, uow: UoW) -> MeRead:
    return MeRead.of(await get_user(uow, principal, principal.user_id))
