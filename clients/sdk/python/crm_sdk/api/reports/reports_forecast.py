import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.forecast import Forecast
from ...models.group_by import GroupBy
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to = to.isoformat()
    params["to"] = json_to

    json_pipeline_id: None | str | Unset
    if isinstance(pipeline_id, Unset):
        json_pipeline_id = UNSET
    elif isinstance(pipeline_id, UUID):
        json_pipeline_id = str(pipeline_id)
    else:
        json_pipeline_id = pipeline_id
    params["pipeline_id"] = json_pipeline_id

    json_group_by: str | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by.value

    params["group_by"] = json_group_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reports/forecast",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Forecast | Problem | None:
    if response.status_code == 200:
        response_200 = Forecast.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Forecast | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> Response[Forecast | Problem]:
    """Open, weighted and won amounts per month or owner, per currency

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):
        group_by (GroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Forecast | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        pipeline_id=pipeline_id,
        group_by=group_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> Forecast | Problem | None:
    """Open, weighted and won amounts per month or owner, per currency

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):
        group_by (GroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Forecast | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        pipeline_id=pipeline_id,
        group_by=group_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> Response[Forecast | Problem]:
    """Open, weighted and won amounts per month or owner, per currency

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):
        group_by (GroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Forecast | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        pipeline_id=pipeline_id,
        group_by=group_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> Forecast | Problem | None:
    """Open, weighted and won amounts per month or owner, per currency

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):
        group_by (GroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Forecast | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            pipeline_id=pipeline_id,
            group_by=group_by,
        )
    ).parsed
