from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deal_read import DealRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    deal_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deals/{deal_id}".format(
            deal_id=quote(str(deal_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DealRead | Problem | None:
    if response.status_code == 200:
        response_200 = DealRead.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DealRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    deal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DealRead | Problem]:
    """Get a deal

    Args:
        deal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DealRead | Problem]
    """

    kwargs = _get_kwargs(
        deal_id=deal_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    deal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> DealRead | Problem | None:
    """Get a deal

    Args:
        deal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DealRead | Problem
    """

    return sync_detailed(
        deal_id=deal_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    deal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DealRead | Problem]:
    """Get a deal

    Args:
        deal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DealRead | Problem]
    """

    kwargs = _get_kwargs(
        deal_id=deal_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    deal_id: UUID,
    *,
    client: AuthenticatedClient,
) -> DealRead | Problem | None:
    """Get a deal

    Args:
        deal_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DealRead | Problem
    """

    return (
        await asyncio_detailed(
            deal_id=deal_id,
            client=client,
        )
    ).parsed
