from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.board import Board
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pipeline_id: UUID,
    *,
    per_stage: int | Unset = 20,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["per_stage"] = per_stage

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/pipelines/{pipeline_id}/board".format(
            pipeline_id=quote(str(pipeline_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Board | Problem | None:
    if response.status_code == 200:
        response_200 = Board.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Board | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pipeline_id: UUID,
    *,
    client: AuthenticatedClient,
    per_stage: int | Unset = 20,
) -> Response[Board | Problem]:
    """Per stage: count, sums per currency and the first deals, in one call

    Args:
        pipeline_id (UUID):
        per_stage (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Board | Problem]
    """

    kwargs = _get_kwargs(
        pipeline_id=pipeline_id,
        per_stage=per_stage,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pipeline_id: UUID,
    *,
    client: AuthenticatedClient,
    per_stage: int | Unset = 20,
) -> Board | Problem | None:
    """Per stage: count, sums per currency and the first deals, in one call

    Args:
        pipeline_id (UUID):
        per_stage (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Board | Problem
    """

    return sync_detailed(
        pipeline_id=pipeline_id,
        client=client,
        per_stage=per_stage,
    ).parsed


async def asyncio_detailed(
    pipeline_id: UUID,
    *,
    client: AuthenticatedClient,
    per_stage: int | Unset = 20,
) -> Response[Board | Problem]:
    """Per stage: count, sums per currency and the first deals, in one call

    Args:
        pipeline_id (UUID):
        per_stage (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Board | Problem]
    """

    kwargs = _get_kwargs(
        pipeline_id=pipeline_id,
        per_stage=per_stage,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pipeline_id: UUID,
    *,
    client: AuthenticatedClient,
    per_stage: int | Unset = 20,
) -> Board | Problem | None:
    """Per stage: count, sums per currency and the first deals, in one call

    Args:
        pipeline_id (UUID):
        per_stage (int | Unset):  Default: 20.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Board | Problem
    """

    return (
        await asyncio_detailed(
            pipeline_id=pipeline_id,
            client=client,
            per_stage=per_stage,
        )
    ).parsed
