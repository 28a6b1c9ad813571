from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_request_read import PageRequestRead
from ...models.problem import Problem
from ...models.request_priority import RequestPriority
from ...models.request_status import RequestStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: None | RequestStatus | Unset = UNSET,
    priority: None | RequestPriority | Unset = UNSET,
    assignee_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_by",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, RequestStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_priority: None | str | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    elif isinstance(priority, RequestPriority):
        json_priority = priority.value
    else:
        json_priority = priority
    params["priority"] = json_priority

    json_assignee_id: None | str | Unset
    if isinstance(assignee_id, Unset):
        json_assignee_id = UNSET
    elif isinstance(assignee_id, UUID):
        json_assignee_id = str(assignee_id)
    else:
        json_assignee_id = assignee_id
    params["assignee_id"] = json_assignee_id

    json_team_id: None | str | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, UUID):
        json_team_id = str(team_id)
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_contact_id: None | str | Unset
    if isinstance(contact_id, Unset):
        json_contact_id = UNSET
    elif isinstance(contact_id, UUID):
        json_contact_id = str(contact_id)
    else:
        json_contact_id = contact_id
    params["contact_id"] = json_contact_id

    params["overdue"] = overdue

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
        "url": "/api/v1/requests",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageRequestRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageRequestRead.from_dict(response.json())

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
) -> Response[PageRequestRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | RequestStatus | Unset = UNSET,
    priority: None | RequestPriority | Unset = UNSET,
    assignee_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_by",
) -> Response[PageRequestRead | Problem]:
    """The request queue, as far as your scope reaches

    Args:
        status (None | RequestStatus | Unset):
        priority (None | RequestPriority | Unset):
        assignee_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        overdue (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_by'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRequestRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        priority=priority,
        assignee_id=assignee_id,
        team_id=team_id,
        contact_id=contact_id,
        overdue=overdue,
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
    status: None | RequestStatus | Unset = UNSET,
    priority: None | RequestPriority | Unset = UNSET,
    assignee_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_by",
) -> PageRequestRead | Problem | None:
    """The request queue, as far as your scope reaches

    Args:
        status (None | RequestStatus | Unset):
        priority (None | RequestPriority | Unset):
        assignee_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        overdue (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_by'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRequestRead | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        priority=priority,
        assignee_id=assignee_id,
        team_id=team_id,
        contact_id=contact_id,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | RequestStatus | Unset = UNSET,
    priority: None | RequestPriority | Unset = UNSET,
    assignee_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_by",
) -> Response[PageRequestRead | Problem]:
    """The request queue, as far as your scope reaches

    Args:
        status (None | RequestStatus | Unset):
        priority (None | RequestPriority | Unset):
        assignee_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        overdue (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_by'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRequestRead | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        priority=priority,
        assignee_id=assignee_id,
        team_id=team_id,
        contact_id=contact_id,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: None | RequestStatus | Unset = UNSET,
    priority: None | RequestPriority | Unset = UNSET,
    assignee_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_by",
) -> PageRequestRead | Problem | None:
    """The request queue, as far as your scope reaches

    Args:
        status (None | RequestStatus | Unset):
        priority (None | RequestPriority | Unset):
        assignee_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        overdue (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_by'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRequestRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            priority=priority,
            assignee_id=assignee_id,
            team_id=team_id,
            contact_id=contact_id,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
