import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel import Channel
from ...models.item_type import ItemType
from ...models.page_timeline_item_read import PageTimelineItemRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    company_id: UUID,
    *,
    type_: list[ItemType] | Unset = UNSET,
    channel: Channel | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: list[str] | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = []
        for type_item_data in type_:
            type_item = type_item_data.value
            json_type_.append(type_item)

    params["type"] = json_type_

    json_channel: None | str | Unset
    if isinstance(channel, Unset):
        json_channel = UNSET
    elif isinstance(channel, Channel):
        json_channel = channel.value
    else:
        json_channel = channel
    params["channel"] = json_channel

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    elif isinstance(after, datetime.datetime):
        json_after = after.isoformat()
    else:
        json_after = after
    params["after"] = json_after

    json_before: None | str | Unset
    if isinstance(before, Unset):
        json_before = UNSET
    elif isinstance(before, datetime.datetime):
        json_before = before.isoformat()
    else:
        json_before = before
    params["before"] = json_before

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
        "url": "/api/v1/companies/{company_id}/timeline".format(
            company_id=quote(str(company_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageTimelineItemRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageTimelineItemRead.from_dict(response.json())

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
) -> Response[PageTimelineItemRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    company_id: UUID,
    *,
    client: AuthenticatedClient,
    type_: list[ItemType] | Unset = UNSET,
    channel: Channel | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> Response[PageTimelineItemRead | Problem]:
    """Everything that happened or is planned, newest first

    Args:
        company_id (UUID):
        type_ (list[ItemType] | Unset): Only these item types; repeatable.
        channel (Channel | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTimelineItemRead | Problem]
    """

    kwargs = _get_kwargs(
        company_id=company_id,
        type_=type_,
        channel=channel,
        after=after,
        before=before,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    company_id: UUID,
    *,
    client: AuthenticatedClient,
    type_: list[ItemType] | Unset = UNSET,
    channel: Channel | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> PageTimelineItemRead | Problem | None:
    """Everything that happened or is planned, newest first

    Args:
        company_id (UUID):
        type_ (list[ItemType] | Unset): Only these item types; repeatable.
        channel (Channel | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTimelineItemRead | Problem
    """

    return sync_detailed(
        company_id=company_id,
        client=client,
        type_=type_,
        channel=channel,
        after=after,
        before=before,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    company_id: UUID,
    *,
    client: AuthenticatedClient,
    type_: list[ItemType] | Unset = UNSET,
    channel: Channel | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> Response[PageTimelineItemRead | Problem]:
    """Everything that happened or is planned, newest first

    Args:
        company_id (UUID):
        type_ (list[ItemType] | Unset): Only these item types; repeatable.
        channel (Channel | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageTimelineItemRead | Problem]
    """

    kwargs = _get_kwargs(
        company_id=company_id,
        type_=type_,
        channel=channel,
        after=after,
        before=before,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    company_id: UUID,
    *,
    client: AuthenticatedClient,
    type_: list[ItemType] | Unset = UNSET,
    channel: Channel | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> PageTimelineItemRead | Problem | None:
    """Everything that happened or is planned, newest first

    Args:
        company_id (UUID):
        type_ (list[ItemType] | Unset): Only these item types; repeatable.
        channel (Channel | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageTimelineItemRead | Problem
    """

    return (
        await asyncio_detailed(
            company_id=company_id,
            client=client,
            type_=type_,
            channel=channel,
            after=after,
            before=before,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
