from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import CurrentPrincipal, Hasher, Tokens, UoW
from api.problems import responses
from api.schemas.auth import RefreshIn, TokenPairOut
from api.schemas.users import MeRead
from auth import sessions
from domain.users import get_user

router = APIRouter(prefix="/auth", tags=["auth"])


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
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    uow: UoW,
    hasher: Hasher,
    tokens: Tokens,
) -> TokenPairOut:
    client = request.client.host if request.client else None
    pair = await sessions.login(uow, hasher, tokens, form.username, form.password, client)
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
    return MeRead.of_user(await get_user(uow, principal, principal.user_id))
