from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_automation_rule_read import PageAutomationRuleRead
from ...models.problem import Problem
from ...models.trigger import Trigger
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    trigger: None | Trigger | Unset = UNSET,
    enabled: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "created_at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_trigger: None | str | Unset
    if isinstance(trigger, Unset):
        json_trigger = UNSET
    elif isinstance(trigger, Trigger):
        json_trigger = trigger.value
    else:
        json_trigger = trigger
    params["trigger"] = json_trigger

    json_enabled: bool | None | Unset
    if isinstance(enabled, Unset):
        json_enabled = UNSET
    else:
        json_enabled = enabled
    params["enabled"] = json_enabled

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
        "url": "/api/v1/automation-rules",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAutomationRuleRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageAutomationRuleRead.from_dict(response.json())

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
) -> Response[PageAutomationRuleRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    trigger: None | Trigger | Unset = UNSET,
    enabled: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "created_at",
) -> Response[PageAutomationRuleRead | Problem]:
    """Automation rules (sorted by created_at: the order they run in)

    Args:
        trigger (None | Trigger | Unset):
        enabled (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAutomationRuleRead | Problem]
    """

    kwargs = _get_kwargs(
        trigger=trigger,
        enabled=enabled,
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
    trigger: None | Trigger | Unset = UNSET,
    enabled: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "created_at",
) -> PageAutomationRuleRead | Problem | None:
    """Automation rules (sorted by created_at: the order they run in)

    Args:
        trigger (None | Trigger | Unset):
        enabled (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAutomationRuleRead | Problem
    """

    return sync_detailed(
        client=client,
        trigger=trigger,
        enabled=enabled,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    trigger: None | Trigger | Unset = UNSET,
    enabled: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "created_at",
) -> Response[PageAutomationRuleRead | Problem]:
    """Automation rules (sorted by created_at: the order they run in)

    Args:
        trigger (None | Trigger | Unset):
        enabled (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAutomationRuleRead | Problem]
    """

    kwargs = _get_kwargs(
        trigger=trigger,
        enabled=enabled,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    trigger: None | Trigger | Unset = UNSET,
    enabled: bool | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "created_at",
) -> PageAutomationRuleRead | Problem | None:
    """Automation rules (sorted by created_at: the order they run in)

    Args:
        trigger (None | Trigger | Unset):
        enabled (bool | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'created_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAutomationRuleRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            trigger=trigger,
            enabled=enabled,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
