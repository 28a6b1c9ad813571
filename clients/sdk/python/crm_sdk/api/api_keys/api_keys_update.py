from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_read import ApiKeyRead
from ...models.api_key_update import ApiKeyUpdate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    key_id: UUID,
    *,
    body: ApiKeyUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/api-keys/{key_id}".format(
            key_id=quote(str(key_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKeyRead | Problem | None:
    if response.status_code == 200:
        response_200 = ApiKeyRead.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeyRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApiKeyUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[ApiKeyRead | Problem]:
    """Change an API key: name, role, expiry

    Args:
        key_id (UUID):
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (ApiKeyUpdate): Send only what changes; `expires_at: null` makes the key never expire
            and
            `requests_per_minute: null` gives it the server's default rate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyRead | Problem]
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApiKeyUpdate,
    if_match: None | str | Unset = UNSET,
) -> ApiKeyRead | Problem | None:
    """Change an API key: name, role, expiry

    Args:
        key_id (UUID):
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (ApiKeyUpdate): Send only what changes; `expires_at: null` makes the key never expire
            and
            `requests_per_minute: null` gives it the server's default rate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyRead | Problem
    """

    return sync_detailed(
        key_id=key_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    key_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApiKeyUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[ApiKeyRead | Problem]:
    """Change an API key: name, role, expiry

    Args:
        key_id (UUID):
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (ApiKeyUpdate): Send only what changes; `expires_at: null` makes the key never expire
            and
            `requests_per_minute: null` gives it the server's default rate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyRead | Problem]
    """

    kwargs = _get_kwargs(
        key_id=key_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApiKeyUpdate,
    if_match: None | str | Unset = UNSET,
) -> ApiKeyRead | Problem | None:
    """Change an API key: name, role, expiry

    Args:
        key_id (UUID):
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (ApiKeyUpdate): Send only what changes; `expires_at: null` makes the key never expire
            and
            `requests_per_minute: null` gives it the server's default rate.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyRead | Problem
    """

    return (
        await asyncio_detailed(
            key_id=key_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
