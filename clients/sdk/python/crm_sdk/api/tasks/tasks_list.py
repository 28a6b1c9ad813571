import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_task_read import PageTaskRead
from ...models.problem import Problem
from ...models.task_status import TaskStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    assignee_id: None | Unset | UUID = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    label: None | str | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_assignee_id: None | str | Unset
    if isinstance(assignee_id, Unset):
        json_assignee_id = UNSET
    elif isinstance(assignee_id, UUID):
        json_assignee_id = str(assignee_id)
    else:
        json_assignee_id = assignee_id
    params["assignee_id"] = json_assignee_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, TaskStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_contact_id: None | str | Unset
    if isinstance(contact_id, Unset):
        json_contact_id = UNSET
    elif isinstance(contact_id, UUID):
        json_contact_id = str(contact_id)
    else:
        json_contact_id = contact_id
    params["contact_id"] = json_contact_id

    json_company_id: None | str | Unset
    if isinstance(company_id, Unset):
        json_company_id = UNSET
    elif isinstance(company_id, UUID):
        json_company_id = str(company_id)
    else:
        json_company_id = company_id
    params["company_id"] = json_company_id

    json_deal_id: None | str | Unset
    if isinstance(deal_id, Unset):
        json_deal_id = UNSET
    elif isinstance(deal_id, UUID):
        json_deal_id = str(deal_id)
    else:
        json_deal_id = deal_id
    params["deal_id"] = json_deal_id

    json_request_id: None | str | Unset
    if isinstance(request_id, Unset):
        json_request_id = UNSET
    elif isinstance(request_id, UUID):
        json_request_id = str(request_id)
    else:
        json_request_id = request_id
    params["request_id"] = json_request_id

    json_label: None | str | Unset
    if isinstance(label, Unset):
        json_label = UNSET
    else:
        json_label = label
    params["label"] = json_label

    json_due_after: None | str | Unset
    if isinstance(due_after, Unset):
        json_due_after = UNSET
    elif isinstance(due_after, datetime.datetime):
        json_due_after = due_after.isoformat()
    else:
        json_due_after = due_after
    params["due_after"] = json_due_after

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.datetime):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

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
        "url": "/api/v1/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageTaskRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageTaskRead.from_dict(response.json())

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
) -> Response[PageTaskRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    assignee_id: None | Unset | UUID = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    label: None | str | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_at",
) -> Response[PageTaskRead | Problem]:
    """List tasks in your scope

    Args:
        assignee_id (None | Unset | UUID):
        status (None | TaskStatus | Unset):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        label (None | str | Unset):
        due_after (datetime.datetime | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset): Open and past due. Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTaskRead | Problem]
    """

    kwargs = _get_kwargs(
        assignee_id=assignee_id,
        status=status,
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        label=label,
        due_after=due_after,
        due_before=due_before,
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
    assignee_id: None | Unset | UUID = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    label: None | str | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_at",
) -> PageTaskRead | Problem | None:
    """List tasks in your scope

    Args:
        assignee_id (None | Unset | UUID):
        status (None | TaskStatus | Unset):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        label (None | str | Unset):
        due_after (datetime.datetime | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset): Open and past due. Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTaskRead | Problem
    """

    return sync_detailed(
        client=client,
        assignee_id=assignee_id,
        status=status,
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        label=label,
        due_after=due_after,
        due_before=due_before,
        overdue=overdue,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    assignee_id: None | Unset | UUID = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    label: None | str | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_at",
) -> Response[PageTaskRead | Problem]:
    """List tasks in your scope

    Args:
        assignee_id (None | Unset | UUID):
        status (None | TaskStatus | Unset):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        label (None | str | Unset):
        due_after (datetime.datetime | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset): Open and past due. Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTaskRead | Problem]
    """

    kwargs = _get_kwargs(
        assignee_id=assignee_id,
        status=status,
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        label=label,
        due_after=due_after,
        due_before=due_before,
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
    assignee_id: None | Unset | UUID = UNSET,
    status: None | TaskStatus | Unset = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    label: None | str | Unset = UNSET,
    due_after: datetime.datetime | None | Unset = UNSET,
    due_before: datetime.datetime | None | Unset = UNSET,
    overdue: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "due_at",
) -> PageTaskRead | Problem | None:
    """List tasks in your scope

    Args:
        assignee_id (None | Unset | UUID):
        status (None | TaskStatus | Unset):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        label (None | str | Unset):
        due_after (datetime.datetime | None | Unset):
        due_before (datetime.datetime | None | Unset):
        overdue (bool | Unset): Open and past due. Default: False.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: 'due_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTaskRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            assignee_id=assignee_id,
            status=status,
            contact_id=contact_id,
            company_id=company_id,
            deal_id=deal_id,
            request_id=request_id,
            label=label,
            due_after=due_after,
            due_before=due_before,
            overdue=overdue,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
