from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.access_explanation import AccessExplanation
from ...models.problem import Problem
from ...models.record_kind import RecordKind
from ...types import UNSET, Response


def _get_kwargs(
    *,
    user_id: UUID,
    entity: RecordKind,
    id: UUID,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_user_id = str(user_id)
    params["user_id"] = json_user_id

    json_entity = entity.value
    params["entity"] = json_entity

    json_id = str(id)
    params["id"] = json_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/access/explain",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AccessExplanation | Problem | None:
    if response.status_code == 200:
        response_200 = AccessExplanation.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AccessExplanation | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    user_id: UUID,
    entity: RecordKind,
    id: UUID,
) -> Response[AccessExplanation | Problem]:
    """Whether a user may read and change a record, and which rule decided

     For administrators of users (`users:manage`), about a user and a record they both
    see: a user out of the caller's reach or a record the caller does not read is 404.

    Args:
        user_id (UUID):
        entity (RecordKind): The kinds of customer records a role's access is set for.
        id (UUID): The record's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessExplanation | Problem]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        entity=entity,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    user_id: UUID,
    entity: RecordKind,
    id: UUID,
) -> AccessExplanation | Problem | None:
    """Whether a user may read and change a record, and which rule decided

     For administrators of users (`users:manage`), about a user and a record they both
    see: a user out of the caller's reach or a record the caller does not read is 404.

    Args:
        user_id (UUID):
        entity (RecordKind): The kinds of customer records a role's access is set for.
        id (UUID): The record's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessExplanation | Problem
    """

    return sync_detailed(
        client=client,
        user_id=user_id,
        entity=entity,
        id=id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    user_id: UUID,
    entity: RecordKind,
    id: UUID,
) -> Response[AccessExplanation | Problem]:
    """Whether a user may read and change a record, and which rule decided

     For administrators of users (`users:manage`), about a user and a record they both
    see: a user out of the caller's reach or a record the caller does not read is 404.

    Args:
        user_id (UUID):
        entity (RecordKind): The kinds of customer records a role's access is set for.
        id (UUID): The record's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessExplanation | Problem]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        entity=entity,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    user_id: UUID,
    entity: RecordKind,
    id: UUID,
) -> AccessExplanation | Problem | None:
    """Whether a user may read and change a record, and which rule decided

     For administrators of users (`users:manage`), about a user and a record they both
    see: a user out of the caller's reach or a record the caller does not read is 404.

    Args:
        user_id (UUID):
        entity (RecordKind): The kinds of customer records a role's access is set for.
        id (UUID): The record's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessExplanation | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            user_id=user_id,
            entity=entity,
            id=id,
        )
    ).parsed
