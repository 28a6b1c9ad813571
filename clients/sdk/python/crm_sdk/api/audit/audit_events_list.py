import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_action import AuditAction
from ...models.page_audit_trail_event_read import PageAuditTrailEventRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    actor_id: None | Unset | UUID = UNSET,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: AuditAction | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-occurred_at",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_actor_id: None | str | Unset
    if isinstance(actor_id, Unset):
        json_actor_id = UNSET
    elif isinstance(actor_id, UUID):
        json_actor_id = str(actor_id)
    else:
        json_actor_id = actor_id
    params["actor_id"] = json_actor_id

    json_entity_type: None | str | Unset
    if isinstance(entity_type, Unset):
        json_entity_type = UNSET
    else:
        json_entity_type = entity_type
    params["entity_type"] = json_entity_type

    json_entity_id: None | str | Unset
    if isinstance(entity_id, Unset):
        json_entity_id = UNSET
    elif isinstance(entity_id, UUID):
        json_entity_id = str(entity_id)
    else:
        json_entity_id = entity_id
    params["entity_id"] = json_entity_id

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    elif isinstance(action, AuditAction):
        json_action = action.value
    else:
        json_action = action
    params["action"] = json_action

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
        "url": "/api/v1/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAuditTrailEventRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageAuditTrailEventRead.from_dict(response.json())

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
) -> Response[PageAuditTrailEventRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    actor_id: None | Unset | UUID = UNSET,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: AuditAction | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-occurred_at",
) -> Response[PageAuditTrailEventRead | Problem]:
    """The audit trail, newest first: who changed what, sign-ins, exports

    Args:
        actor_id (None | Unset | UUID): Who acted.
        entity_type (None | str | Unset): What kind of record: contact, company, interaction,
            task, request, deal, user, role, contact_export.
        entity_id (None | Unset | UUID): Which record.
        action (AuditAction | None | Unset):
        after (datetime.datetime | None | Unset): At or after this moment.
        before (datetime.datetime | None | Unset): Before this moment.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-occurred_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditTrailEventRead | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
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
    actor_id: None | Unset | UUID = UNSET,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: AuditAction | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-occurred_at",
) -> PageAuditTrailEventRead | Problem | None:
    """The audit trail, newest first: who changed what, sign-ins, exports

    Args:
        actor_id (None | Unset | UUID): Who acted.
        entity_type (None | str | Unset): What kind of record: contact, company, interaction,
            task, request, deal, user, role, contact_export.
        entity_id (None | Unset | UUID): Which record.
        action (AuditAction | None | Unset):
        after (datetime.datetime | None | Unset): At or after this moment.
        before (datetime.datetime | None | Unset): Before this moment.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-occurred_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditTrailEventRead | Problem
    """

    return sync_detailed(
        client=client,
        actor_id=actor_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        after=after,
        before=before,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    actor_id: None | Unset | UUID = UNSET,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: AuditAction | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-occurred_at",
) -> Response[PageAuditTrailEventRead | Problem]:
    """The audit trail, newest first: who changed what, sign-ins, exports

    Args:
        actor_id (None | Unset | UUID): Who acted.
        entity_type (None | str | Unset): What kind of record: contact, company, interaction,
            task, request, deal, user, role, contact_export.
        entity_id (None | Unset | UUID): Which record.
        action (AuditAction | None | Unset):
        after (datetime.datetime | None | Unset): At or after this moment.
        before (datetime.datetime | None | Unset): Before this moment.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-occurred_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditTrailEventRead | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
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
    actor_id: None | Unset | UUID = UNSET,
    entity_type: None | str | Unset = UNSET,
    entity_id: None | Unset | UUID = UNSET,
    action: AuditAction | None | Unset = UNSET,
    after: datetime.datetime | None | Unset = UNSET,
    before: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-occurred_at",
) -> PageAuditTrailEventRead | Problem | None:
    """The audit trail, newest first: who changed what, sign-ins, exports

    Args:
        actor_id (None | Unset | UUID): Who acted.
        entity_type (None | str | Unset): What kind of record: contact, company, interaction,
            task, request, deal, user, role, contact_export.
        entity_id (None | Unset | UUID): Which record.
        action (AuditAction | None | Unset):
        after (datetime.datetime | None | Unset): At or after this moment.
        before (datetime.datetime | None | Unset): Before this moment.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-occurred_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditTrailEventRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            actor_id=actor_id,
            entity_type=entity_type,
            entity_id=entity_id,
            action=action,
            after=after,
            before=before,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
