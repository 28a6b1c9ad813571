from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_feed_read import ChangeFeedRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_types: list[str] | None | Unset
    if isinstance(types, Unset):
        json_types = UNSET
    elif isinstance(types, list):
        json_types = types

    else:
        json_types = types
    params["types"] = json_types

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChangeFeedRead | Problem | None:
    if response.status_code == 200:
        response_200 = ChangeFeedRead.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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
) -> Response[ChangeFeedRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[ChangeFeedRead | Problem]:
    """The change feed: what changed, in order, on the records you may read

     Follow it to stay in step without listing again: start with `after=now` (taken before you list the
    records), then pass each answer's `next_cursor` as `after`. Apply an event when its `version` is
    above the one you hold; drop the record on a tombstone. Events are kept for a configured time (30
    days by default): an older cursor answers 410, and the client lists again.

    Args:
        after (None | str | Unset): A `cursor` or `next_cursor` the feed answered, or `now` for
            the position of what is committed now. Without it, from the oldest event kept.
        types (list[str] | None | Unset): Only these event types, e.g. `deal.updated` (repeat the
            parameter).
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeFeedRead | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> ChangeFeedRead | Problem | None:
    """The change feed: what changed, in order, on the records you may read

     Follow it to stay in step without listing again: start with `after=now` (taken before you list the
    records), then pass each answer's `next_cursor` as `after`. Apply an event when its `version` is
    above the one you hold; drop the record on a tombstone. Events are kept for a configured time (30
    days by default): an older cursor answers 410, and the client lists again.

    Args:
        after (None | str | Unset): A `cursor` or `next_cursor` the feed answered, or `now` for
            the position of what is committed now. Without it, from the oldest event kept.
        types (list[str] | None | Unset): Only these event types, e.g. `deal.updated` (repeat the
            parameter).
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeFeedRead | Problem
    """

    return sync_detailed(
        client=client,
        after=after,
        types=types,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[ChangeFeedRead | Problem]:
    """The change feed: what changed, in order, on the records you may read

     Follow it to stay in step without listing again: start with `after=now` (taken before you list the
    records), then pass each answer's `next_cursor` as `after`. Apply an event when its `version` is
    above the one you hold; drop the record on a tombstone. Events are kept for a configured time (30
    days by default): an older cursor answers 410, and the client lists again.

    Args:
        after (None | str | Unset): A `cursor` or `next_cursor` the feed answered, or `now` for
            the position of what is committed now. Without it, from the oldest event kept.
        types (list[str] | None | Unset): Only these event types, e.g. `deal.updated` (repeat the
            parameter).
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangeFeedRead | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    limit: int | Unset = 100,
) -> ChangeFeedRead | Problem | None:
    """The change feed: what changed, in order, on the records you may read

     Follow it to stay in step without listing again: start with `after=now` (taken before you list the
    records), then pass each answer's `next_cursor` as `after`. Apply an event when its `version` is
    above the one you hold; drop the record on a tombstone. Events are kept for a configured time (30
    days by default): an older cursor answers 410, and the client lists again.

    Args:
        after (None | str | Unset): A `cursor` or `next_cursor` the feed answered, or `now` for
            the position of what is committed now. Without it, from the oldest event kept.
        types (list[str] | None | Unset): Only these event types, e.g. `deal.updated` (repeat the
            parameter).
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangeFeedRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            types=types,
            limit=limit,
        )
    ).parsed
