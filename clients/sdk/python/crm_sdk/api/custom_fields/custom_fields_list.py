from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.custom_entity import CustomEntity
from ...models.custom_field_list import CustomFieldList
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    entity: CustomEntity,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_entity = entity.value
    params["entity"] = json_entity

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/custom-fields",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomFieldList | Problem | None:
    if response.status_code == 200:
        response_200 = CustomFieldList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[CustomFieldList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    entity: CustomEntity,
) -> Response[CustomFieldList | Problem]:
    """Custom fields defined for an entity

    Args:
        entity (CustomEntity):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomFieldList | Problem]
    """

    kwargs = _get_kwargs(
        entity=entity,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    entity: CustomEntity,
) -> CustomFieldList | Problem | None:
    """Custom fields defined for an entity

    Args:
        entity (CustomEntity):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomFieldList | Problem
    """

    return sync_detailed(
        client=client,
        entity=entity,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    entity: CustomEntity,
) -> Response[CustomFieldList | Problem]:
    """Custom fields defined for an entity

    Args:
        entity (CustomEntity):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomFieldList | Problem]
    """

    kwargs = _get_kwargs(
        entity=entity,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    entity: CustomEntity,
) -> CustomFieldList | Problem | None:
    """Custom fields defined for an entity

    Args:
        entity (CustomEntity):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomFieldList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            entity=entity,
        )
    ).parsed
