"""/api/v1/api-keys: keys for integrations, each signing in an account of its own with a
role ranked below its creator's (domain/access/api_keys.py)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, UoW, page_request, set_etag
from api.problems import responses
from api.schemas.api_keys import ApiKeyCreate, ApiKeyCreated, ApiKeyRead, ApiKeyUpdate
from api.schemas.common import Page
from auth.api_keys import PREFIX, new_key
from domain.access import api_keys
from domain.pagination import PageRequest

router = APIRouter(prefix="/api-keys", tags=["api-keys"])


@router.get("", summary="List the API keys within your reach", responses=responses(401, 403, 422))
async def api_keys_list(
    principal: CurrentPrincipal, uow: UoW, page: PageRequest = page_request("-created_at")
) -> Page[ApiKeyRead]:
    result = await api_keys.list_api_keys(uow, principal, page)
    return Page(items=[ApiKeyRead.of_key(k) for k in result.items], next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create an API key for an integration, with a role ranked below yours",
    description="The answer holds the key itself, this once: it is stored only hashed.",
    responses=responses(401, 403, 422),
)
async def api_keys_create(
    body: ApiKeyCreate, response: Response, principal: CurrentPrincipal, uow: UoW
) -> ApiKeyCreated:
    secret = new_key()
    key = await api_keys.create_api_key(uow, principal, command(body, api_keys.NewApiKey), secret)
    response.headers["Location"] = f"/api/v1/api-keys/{key.id}"
    # The secret must not linger in a cache between the server and the client.
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, key.version)
    return ApiKeyCreated.of(key, key_prefix=f"{PREFIX}{key.public_id}", key=secret.key)


@router.get("/{key_id:uuid}", summary="Get an API key", responses=responses(401, 403, 404))
async def api_keys_get(
    key_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> ApiKeyRead:
    key = await api_keys.get_api_key(uow, principal, key_id)
    set_etag(response, key.version)
    return ApiKeyRead.of_key(key)


@router.patch(
    "/{key_id:uuid}",
    summary="Change an API key: name, role, expiry",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def api_keys_update(
    key_id: UUID,
    body: ApiKeyUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> ApiKeyRead:
    changes = command(body, api_keys.ApiKeyChanges)
    key = await api_keys.update_api_key(uow, principal, key_id, changes, if_match)
    set_etag(response, key.version)
    return ApiKeyRead.of_key(key)


@router.post(
    "/{key_id:uuid}/revoke",
    summary="Revoke an API key: refused from the next request on",
    responses=responses(401, 403, 404, 412),
)
async def api_keys_revoke(
    key_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> ApiKeyRead:
    key = await api_keys.revoke_api_key(uow, principal, key_id, if_match)
    set_etag(response, key.version)
    return ApiKeyRead.of_key(key)
