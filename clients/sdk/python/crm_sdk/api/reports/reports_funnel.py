import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.funnel_out import FunnelOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reports/funnel",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FunnelOut | Problem | None:
    if response.status_code == 200:
        response_200 = FunnelOut.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FunnelOut | Problem]:
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
) -> Response[FunnelOut | Problem]:
    """Stage reach, conversion, time in stage, win rate and cycle for deals created

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FunnelOut | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        pipeline_id=pipeline_id,
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
) -> FunnelOut | Problem | None:
    """Stage reach, conversion, time in stage, win rate and cycle for deals created

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FunnelOut | Problem
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        pipeline_id=pipeline_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
) -> Response[FunnelOut | Problem]:
    """Stage reach, conversion, time in stage, win rate and cycle for deals created

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FunnelOut | Problem]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        pipeline_id=pipeline_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date,
    to: datetime.date,
    pipeline_id: None | Unset | UUID = UNSET,
) -> FunnelOut | Problem | None:
    """Stage reach, conversion, time in stage, win rate and cycle for deals created

    Args:
        from_ (datetime.date): First day, inclusive.
        to (datetime.date): Last day, exclusive.
        pipeline_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FunnelOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            pipeline_id=pipeline_id,
        )
    ).parsed
