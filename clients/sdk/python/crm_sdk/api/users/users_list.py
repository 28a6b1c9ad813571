from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_user_read import PageUserRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    team_id: None | Unset | UUID = UNSET,
    role_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-created_at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_team_id: None | str | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, UUID):
        json_team_id = str(team_id)
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_role_id: None | str | Unset
    if isinstance(role_id, Unset):
        json_role_id = UNSET
    elif isinstance(role_id, UUID):
        json_role_id = str(role_id)
    else:
        json_role_id = role_id
    params["role_id"] = json_role_id

    json_is_active: bool | None | Unset
    if isinstance(is_active, Unset):
        json_is_active = UNSET
    else:
        json_is_active = is_active
    params["is_active"] = json_is_active

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["sort"] = sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/users",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageUserRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageUserRead.from_dict(response.json())

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
) -> Response[PageUserRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    role_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-created_at",
) -> Response[PageUserRead | Problem]:
    """List users in your scope

    Args:
        team_id (None | Unset | UUID):
        role_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        q (None | str | Unset): Part of name or e-mail
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageUserRead | Problem]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        role_id=role_id,
        is_active=is_active,
        q=q,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    role_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-created_at",
) -> PageUserRead | Problem | None:
    """List users in your scope

    Args:
        team_id (None | Unset | UUID):
        role_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        q (None | str | Unset): Part of name or e-mail
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageUserRead | Problem
    """

    return sync_detailed(
        client=client,
        team_id=team_id,
        role_id=role_id,
        is_active=is_active,
        q=q,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    role_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-created_at",
) -> Response[PageUserRead | Problem]:
    """List users in your scope

    Args:
        team_id (None | Unset | UUID):
        role_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        q (None | str | Unset): Part of name or e-mail
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageUserRead | Problem]
    """

    kwargs = _get_kwargs(
        team_id=team_id,
        role_id=role_id,
        is_active=is_active,
        q=q,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    team_id: None | Unset | UUID = UNSET,
    role_id: None | Unset | UUID = UNSET,
    is_active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-created_at",
) -> PageUserRead | Problem | None:
    """List users in your scope

    Args:
        team_id (None | Unset | UUID):
        role_id (None | Unset | UUID):
        is_active (bool | None | Unset):
        q (None | str | Unset): Part of name or e-mail
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageUserRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            team_id=team_id,
            role_id=role_id,
            is_active=is_active,
            q=q,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
