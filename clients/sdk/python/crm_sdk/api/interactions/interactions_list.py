import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.channel import Channel
from ...models.interaction_status import InteractionStatus
from ...models.page_interaction_read import PageInteractionRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    channel: Channel | None | Unset = UNSET,
    status: InteractionStatus | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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

    json_owner_id: None | str | Unset
    if isinstance(owner_id, Unset):
        json_owner_id = UNSET
    elif isinstance(owner_id, UUID):
        json_owner_id = str(owner_id)
    else:
        json_owner_id = owner_id
    params["owner_id"] = json_owner_id

    json_channel: None | str | Unset
    if isinstance(channel, Unset):
        json_channel = UNSET
    elif isinstance(channel, Channel):
        json_channel = channel.value
    else:
        json_channel = channel
    params["channel"] = json_channel

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, InteractionStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/api/v1/interactions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageInteractionRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageInteractionRead.from_dict(response.json())

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
) -> Response[PageInteractionRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    channel: Channel | None | Unset = UNSET,
    status: InteractionStatus | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> Response[PageInteractionRead | Problem]:
    """List interactions in your scope

    Args:
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        owner_id (None | Unset | UUID):
        channel (Channel | None | Unset):
        status (InteractionStatus | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageInteractionRead | Problem]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        owner_id=owner_id,
        channel=channel,
        status=status,
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
    *,
    client: AuthenticatedClient,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    channel: Channel | None | Unset = UNSET,
    status: InteractionStatus | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> PageInteractionRead | Problem | None:
    """List interactions in your scope

    Args:
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        owner_id (None | Unset | UUID):
        channel (Channel | None | Unset):
        status (InteractionStatus | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageInteractionRead | Problem
    """

    return sync_detailed(
        client=client,
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        owner_id=owner_id,
        channel=channel,
        status=status,
        after=after,
        before=before,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    channel: Channel | None | Unset = UNSET,
    status: InteractionStatus | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> Response[PageInteractionRead | Problem]:
    """List interactions in your scope

    Args:
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        owner_id (None | Unset | UUID):
        channel (Channel | None | Unset):
        status (InteractionStatus | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageInteractionRead | Problem]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        owner_id=owner_id,
        channel=channel,
        status=status,
        after=after,
        before=before,
        limit=limit,
        cursor=cursor,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    deal_id: None | Unset | UUID = UNSET,
    request_id: None | Unset | UUID = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    channel: Channel | None | Unset = UNSET,
    status: InteractionStatus | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-at",
) -> PageInteractionRead | Problem | None:
    """List interactions in your scope

    Args:
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        deal_id (None | Unset | UUID):
        request_id (None | Unset | UUID):
        owner_id (None | Unset | UUID):
        channel (Channel | None | Unset):
        status (InteractionStatus | None | Unset):
        after (datetime.datetime | None | Unset):
        before (datetime.datetime | None | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageInteractionRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            contact_id=contact_id,
            company_id=company_id,
            deal_id=deal_id,
            request_id=request_id,
            owner_id=owner_id,
            channel=channel,
            status=status,
            after=after,
            before=before,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
