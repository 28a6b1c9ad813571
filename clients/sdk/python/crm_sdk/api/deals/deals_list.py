import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deal_status import DealStatus
from ...models.page_deal_read import PageDealRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    external_id: None | str | Unset = UNSET,
    pipeline_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    status: DealStatus | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    close_after: datetime.date | None | Unset = UNSET,
    close_before: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_external_id: None | str | Unset
    if isinstance(external_id, Unset):
        json_external_id = UNSET
    else:
        json_external_id = external_id
    params["external_id"] = json_external_id

    json_pipeline_id: None | str | Unset
    if isinstance(pipeline_id, Unset):
        json_pipeline_id = UNSET
    elif isinstance(pipeline_id, UUID):
        json_pipeline_id = str(pipeline_id)
    else:
        json_pipeline_id = pipeline_id
    params["pipeline_id"] = json_pipeline_id

    json_stage_id: None | str | Unset
    if isinstance(stage_id, Unset):
        json_stage_id = UNSET
    elif isinstance(stage_id, UUID):
        json_stage_id = str(stage_id)
    else:
        json_stage_id = stage_id
    params["stage_id"] = json_stage_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, DealStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_owner_id: None | str | Unset
    if isinstance(owner_id, Unset):
        json_owner_id = UNSET
    elif isinstance(owner_id, UUID):
        json_owner_id = str(owner_id)
    else:
        json_owner_id = owner_id
    params["owner_id"] = json_owner_id

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

    json_close_after: None | str | Unset
    if isinstance(close_after, Unset):
        json_close_after = UNSET
    elif isinstance(close_after, datetime.date):
        json_close_after = close_after.isoformat()
    else:
        json_close_after = close_after
    params["close_after"] = json_close_after

    json_close_before: None | str | Unset
    if isinstance(close_before, Unset):
        json_close_before = UNSET
    elif isinstance(close_before, datetime.date):
        json_close_before = close_before.isoformat()
    else:
        json_close_before = close_before
    params["close_before"] = json_close_before

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
        "url": "/api/v1/deals",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageDealRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageDealRead.from_dict(response.json())

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
) -> Response[PageDealRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    external_id: None | str | Unset = UNSET,
    pipeline_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    status: DealStatus | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    close_after: datetime.date | None | Unset = UNSET,
    close_before: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> Response[PageDealRead | Problem]:
    """List deals in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        pipeline_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        status (DealStatus | None | Unset):
        owner_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        close_after (datetime.date | None | Unset):
        close_before (datetime.date | None | Unset):
        q (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageDealRead | Problem]
    """

    kwargs = _get_kwargs(
        external_id=external_id,
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        status=status,
        owner_id=owner_id,
        contact_id=contact_id,
        company_id=company_id,
        close_after=close_after,
        close_before=close_before,
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
    external_id: None | str | Unset = UNSET,
    pipeline_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    status: DealStatus | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    close_after: datetime.date | None | Unset = UNSET,
    close_before: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> PageDealRead | Problem | None:
    """List deals in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        pipeline_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        status (DealStatus | None | Unset):
        owner_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        close_after (datetime.date | None | Unset):
        close_before (datetime.date | None | Unset):
        q (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageDealRead | Problem
    """

    return sync_detailed(
        client=client,
        external_id=external_id,
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        status=status,
        owner_id=owner_id,
        contact_id=contact_id,
        company_id=company_id,
        close_after=close_after,
        close_before=close_before,
        q=q,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    external_id: None | str | Unset = UNSET,
    pipeline_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    status: DealStatus | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    close_after: datetime.date | None | Unset = UNSET,
    close_before: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> Response[PageDealRead | Problem]:
    """List deals in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        pipeline_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        status (DealStatus | None | Unset):
        owner_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        close_after (datetime.date | None | Unset):
        close_before (datetime.date | None | Unset):
        q (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageDealRead | Problem]
    """

    kwargs = _get_kwargs(
        external_id=external_id,
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        status=status,
        owner_id=owner_id,
        contact_id=contact_id,
        company_id=company_id,
        close_after=close_after,
        close_before=close_before,
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
    external_id: None | str | Unset = UNSET,
    pipeline_id: None | Unset | UUID = UNSET,
    stage_id: None | Unset | UUID = UNSET,
    status: DealStatus | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    contact_id: None | Unset | UUID = UNSET,
    company_id: None | Unset | UUID = UNSET,
    close_after: datetime.date | None | Unset = UNSET,
    close_before: datetime.date | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> PageDealRead | Problem | None:
    """List deals in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        pipeline_id (None | Unset | UUID):
        stage_id (None | Unset | UUID):
        status (DealStatus | None | Unset):
        owner_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        company_id (None | Unset | UUID):
        close_after (datetime.date | None | Unset):
        close_before (datetime.date | None | Unset):
        q (None | str | Unset):
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageDealRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            external_id=external_id,
            pipeline_id=pipeline_id,
            stage_id=stage_id,
            status=status,
            owner_id=owner_id,
            contact_id=contact_id,
            company_id=company_id,
            close_after=close_after,
            close_before=close_before,
            q=q,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
