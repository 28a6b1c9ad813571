import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.lifecycle_stage import LifecycleStage
from ...models.page_contact_read import PageContactRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    external_id: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
    lifecycle_stage: LifecycleStage | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    tag: list[str] | Unset = UNSET,
    country: None | str | Unset = UNSET,
    city: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    custom_field: list[str] | Unset = UNSET,
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

    json_company_id: None | str | Unset
    if isinstance(company_id, Unset):
        json_company_id = UNSET
    elif isinstance(company_id, UUID):
        json_company_id = str(company_id)
    else:
        json_company_id = company_id
    params["company_id"] = json_company_id

    json_lifecycle_stage: None | str | Unset
    if isinstance(lifecycle_stage, Unset):
        json_lifecycle_stage = UNSET
    elif isinstance(lifecycle_stage, LifecycleStage):
        json_lifecycle_stage = lifecycle_stage.value
    else:
        json_lifecycle_stage = lifecycle_stage
    params["lifecycle_stage"] = json_lifecycle_stage

    json_owner_id: None | str | Unset
    if isinstance(owner_id, Unset):
        json_owner_id = UNSET
    elif isinstance(owner_id, UUID):
        json_owner_id = str(owner_id)
    else:
        json_owner_id = owner_id
    params["owner_id"] = json_owner_id

    json_team_id: None | str | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    elif isinstance(team_id, UUID):
        json_team_id = str(team_id)
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_tag: list[str] | Unset = UNSET
    if not isinstance(tag, Unset):
        json_tag = tag

    params["tag"] = json_tag

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_city: None | str | Unset
    if isinstance(city, Unset):
        json_city = UNSET
    else:
        json_city = city
    params["city"] = json_city

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    json_updated_after: None | str | Unset
    if isinstance(updated_after, Unset):
        json_updated_after = UNSET
    elif isinstance(updated_after, datetime.datetime):
        json_updated_after = updated_after.isoformat()
    else:
        json_updated_after = updated_after
    params["updated_after"] = json_updated_after

    json_updated_before: None | str | Unset
    if isinstance(updated_before, Unset):
        json_updated_before = UNSET
    elif isinstance(updated_before, datetime.datetime):
        json_updated_before = updated_before.isoformat()
    else:
        json_updated_before = updated_before
    params["updated_before"] = json_updated_before

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["archived"] = archived

    json_custom_field: list[str] | Unset = UNSET
    if not isinstance(custom_field, Unset):
        json_custom_field = custom_field

    params["custom_field"] = json_custom_field

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
        "url": "/api/v1/contacts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageContactRead | Problem | None:
    if response.status_code == 200:
        response_200 = PageContactRead.from_dict(response.json())

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
) -> Response[PageContactRead | Problem]:
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
    company_id: None | Unset | UUID = UNSET,
    lifecycle_stage: LifecycleStage | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    tag: list[str] | Unset = UNSET,
    country: None | str | Unset = UNSET,
    city: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    custom_field: list[str] | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> Response[PageContactRead | Problem]:
    """List and search contacts in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        company_id (None | Unset | UUID):
        lifecycle_stage (LifecycleStage | None | Unset):
        owner_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        tag (list[str] | Unset): Has this tag (at most 50 characters); repeat for all of several.
        country (None | str | Unset):
        city (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        q (None | str | Unset): Search names, e-mails, phones.
        archived (bool | Unset): true lists archived records instead of live ones. Default: False.
        custom_field (list[str] | Unset): `key:value` equality on a custom field; repeatable.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageContactRead | Problem]
    """

    kwargs = _get_kwargs(
        external_id=external_id,
        company_id=company_id,
        lifecycle_stage=lifecycle_stage,
        owner_id=owner_id,
        team_id=team_id,
        tag=tag,
        country=country,
        city=city,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        q=q,
        archived=archived,
        custom_field=custom_field,
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
    company_id: None | Unset | UUID = UNSET,
    lifecycle_stage: LifecycleStage | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    tag: list[str] | Unset = UNSET,
    country: None | str | Unset = UNSET,
    city: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    custom_field: list[str] | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> PageContactRead | Problem | None:
    """List and search contacts in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        company_id (None | Unset | UUID):
        lifecycle_stage (LifecycleStage | None | Unset):
        owner_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        tag (list[str] | Unset): Has this tag (at most 50 characters); repeat for all of several.
        country (None | str | Unset):
        city (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        q (None | str | Unset): Search names, e-mails, phones.
        archived (bool | Unset): true lists archived records instead of live ones. Default: False.
        custom_field (list[str] | Unset): `key:value` equality on a custom field; repeatable.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageContactRead | Problem
    """

    return sync_detailed(
        client=client,
        external_id=external_id,
        company_id=company_id,
        lifecycle_stage=lifecycle_stage,
        owner_id=owner_id,
        team_id=team_id,
        tag=tag,
        country=country,
        city=city,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        q=q,
        archived=archived,
        custom_field=custom_field,
        limit=limit,
        cursor=cursor,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    external_id: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
    lifecycle_stage: LifecycleStage | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    tag: list[str] | Unset = UNSET,
    country: None | str | Unset = UNSET,
    city: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    custom_field: list[str] | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> Response[PageContactRead | Problem]:
    """List and search contacts in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        company_id (None | Unset | UUID):
        lifecycle_stage (LifecycleStage | None | Unset):
        owner_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        tag (list[str] | Unset): Has this tag (at most 50 characters); repeat for all of several.
        country (None | str | Unset):
        city (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        q (None | str | Unset): Search names, e-mails, phones.
        archived (bool | Unset): true lists archived records instead of live ones. Default: False.
        custom_field (list[str] | Unset): `key:value` equality on a custom field; repeatable.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageContactRead | Problem]
    """

    kwargs = _get_kwargs(
        external_id=external_id,
        company_id=company_id,
        lifecycle_stage=lifecycle_stage,
        owner_id=owner_id,
        team_id=team_id,
        tag=tag,
        country=country,
        city=city,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        q=q,
        archived=archived,
        custom_field=custom_field,
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
    company_id: None | Unset | UUID = UNSET,
    lifecycle_stage: LifecycleStage | None | Unset = UNSET,
    owner_id: None | Unset | UUID = UNSET,
    team_id: None | Unset | UUID = UNSET,
    tag: list[str] | Unset = UNSET,
    country: None | str | Unset = UNSET,
    city: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    archived: bool | Unset = False,
    custom_field: list[str] | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    sort: str | Unset = "-updated_at",
) -> PageContactRead | Problem | None:
    """List and search contacts in your scope

    Args:
        external_id (None | str | Unset): `source:id`: the one record a source system knows by
            that id. A lookup by key: combined only with `archived`.
        company_id (None | Unset | UUID):
        lifecycle_stage (LifecycleStage | None | Unset):
        owner_id (None | Unset | UUID):
        team_id (None | Unset | UUID):
        tag (list[str] | Unset): Has this tag (at most 50 characters); repeat for all of several.
        country (None | str | Unset):
        city (None | str | Unset):
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        q (None | str | Unset): Search names, e-mails, phones.
        archived (bool | Unset): true lists archived records instead of live ones. Default: False.
        custom_field (list[str] | Unset): `key:value` equality on a custom field; repeatable.
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset): A `next_cursor` this list answered; any other is a 400.
        sort (str | Unset): A field; prefix `-` for descending. Default: '-updated_at'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageContactRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            external_id=external_id,
            company_id=company_id,
            lifecycle_stage=lifecycle_stage,
            owner_id=owner_id,
            team_id=team_id,
            tag=tag,
            country=country,
            city=city,
            created_after=created_after,
            created_before=created_before,
            updated_after=updated_after,
            updated_before=updated_before,
            q=q,
            archived=archived,
            custom_field=custom_field,
            limit=limit,
            cursor=cursor,
            sort=sort,
        )
    ).parsed
