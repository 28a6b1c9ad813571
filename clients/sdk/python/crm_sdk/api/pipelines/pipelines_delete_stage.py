from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.pipeline_read import PipelineRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pipeline_id: UUID,
    stage_id: UUID,
    *,
    target_stage_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_target_stage_id: None | str | Unset
    if isinstance(target_stage_id, Unset):
        json_target_stage_id = UNSET
    elif isinstance(target_stage_id, UUID):
        json_target_stage_id = str(target_stage_id)
    else:
        json_target_stage_id = target_stage_id
    params["target_stage_id"] = json_target_stage_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/pipelines/{pipeline_id}/stages/{stage_id}".format(
            pipeline_id=quote(str(pipeline_id), safe=""),
            stage_id=quote(str(stage_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PipelineRead | Problem | None:
    if response.status_code == 200:
        response_200 = PipelineRead.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PipelineRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pipeline_id: UUID,
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    target_stage_id: None | Unset | UUID = UNSET,
) -> Response[PipelineRead | Problem]:
    """Remove a stage; its deals move to target_stage_id, a stage of the same kind

    Args:
        pipeline_id (UUID):
        stage_id (UUID):
        target_stage_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PipelineRead | Problem]
    """

    kwargs = _get_kwargs(
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        target_stage_id=target_stage_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pipeline_id: UUID,
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    target_stage_id: None | Unset | UUID = UNSET,
) -> PipelineRead | Problem | None:
    """Remove a stage; its deals move to target_stage_id, a stage of the same kind

    Args:
        pipeline_id (UUID):
        stage_id (UUID):
        target_stage_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PipelineRead | Problem
    """

    return sync_detailed(
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        client=client,
        target_stage_id=target_stage_id,
    ).parsed


async def asyncio_detailed(
    pipeline_id: UUID,
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    target_stage_id: None | Unset | UUID = UNSET,
) -> Response[PipelineRead | Problem]:
    """Remove a stage; its deals move to target_stage_id, a stage of the same kind

    Args:
        pipeline_id (UUID):
        stage_id (UUID):
        target_stage_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PipelineRead | Problem]
    """

    kwargs = _get_kwargs(
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        target_stage_id=target_stage_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pipeline_id: UUID,
    stage_id: UUID,
    *,
    client: AuthenticatedClient,
    target_stage_id: None | Unset | UUID = UNSET,
) -> PipelineRead | Problem | None:
    """Remove a stage; its deals move to target_stage_id, a stage of the same kind

    Args:
        pipeline_id (UUID):
        stage_id (UUID):
        target_stage_id (None | Unset | UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PipelineRead | Problem
    """

    return (
        await asyncio_detailed(
            pipeline_id=pipeline_id,
            stage_id=stage_id,
            client=client,
            target_stage_id=target_stage_id,
        )
    ).parsed
