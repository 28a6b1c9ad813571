from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.company_create import CompanyCreate
from ...models.company_read import CompanyRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    source: str,
    external_id: str,
    *,
    body: CompanyCreate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/companies/by-external-id/{source}/{external_id}".format(
            source=quote(str(source), safe=""),
            external_id=quote(str(external_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CompanyRead | Problem | None:
    if response.status_code == 200:
        response_200 = CompanyRead.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CompanyRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[CompanyRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CompanyCreate,
    if_match: None | str | Unset = UNSET,
) -> Response[CompanyRead | Problem]:
    """Create or update the company a source system knows by this id

     The company the source system knows by this id: created when none has it (201, with `Location`,
    holding the pair), else updated (200), in one step: two requests racing with a new pair make one
    company.

    The body is the create body. On an update it is applied as a partial update: fields not sent are
    left as they are, fields sent with null are cleared, as `PATCH` does; `external_ids` sets the
    sources sent and keeps the others.

    `If-Match` applies to an update (412 when stale; 412 too when no record has the pair, since the
    version named is not there). Access as usual: a create needs the right to create companys; an update
    the right to change this one. A company with this pair answers as its own URL does: 404 when you
    cannot read it, 403 when you read it but may not change it; it is never created a second time.

    Args:
        source (str): The source system, e.g. `erp`.
        external_id (str): The record's id in the source system (may contain '/').
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (CompanyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompanyRead | Problem]
    """

    kwargs = _get_kwargs(
        source=source,
        external_id=external_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CompanyCreate,
    if_match: None | str | Unset = UNSET,
) -> CompanyRead | Problem | None:
    """Create or update the company a source system knows by this id

     The company the source system knows by this id: created when none has it (201, with `Location`,
    holding the pair), else updated (200), in one step: two requests racing with a new pair make one
    company.

    The body is the create body. On an update it is applied as a partial update: fields not sent are
    left as they are, fields sent with null are cleared, as `PATCH` does; `external_ids` sets the
    sources sent and keeps the others.

    `If-Match` applies to an update (412 when stale; 412 too when no record has the pair, since the
    version named is not there). Access as usual: a create needs the right to create companys; an update
    the right to change this one. A company with this pair answers as its own URL does: 404 when you
    cannot read it, 403 when you read it but may not change it; it is never created a second time.

    Args:
        source (str): The source system, e.g. `erp`.
        external_id (str): The record's id in the source system (may contain '/').
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (CompanyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompanyRead | Problem
    """

    return sync_detailed(
        source=source,
        external_id=external_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CompanyCreate,
    if_match: None | str | Unset = UNSET,
) -> Response[CompanyRead | Problem]:
    """Create or update the company a source system knows by this id

     The company the source system knows by this id: created when none has it (201, with `Location`,
    holding the pair), else updated (200), in one step: two requests racing with a new pair make one
    company.

    The body is the create body. On an update it is applied as a partial update: fields not sent are
    left as they are, fields sent with null are cleared, as `PATCH` does; `external_ids` sets the
    sources sent and keeps the others.

    `If-Match` applies to an update (412 when stale; 412 too when no record has the pair, since the
    version named is not there). Access as usual: a create needs the right to create companys; an update
    the right to change this one. A company with this pair answers as its own URL does: 404 when you
    cannot read it, 403 when you read it but may not change it; it is never created a second time.

    Args:
        source (str): The source system, e.g. `erp`.
        external_id (str): The record's id in the source system (may contain '/').
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (CompanyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CompanyRead | Problem]
    """

    kwargs = _get_kwargs(
        source=source,
        external_id=external_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    source: str,
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CompanyCreate,
    if_match: None | str | Unset = UNSET,
) -> CompanyRead | Problem | None:
    """Create or update the company a source system knows by this id

     The company the source system knows by this id: created when none has it (201, with `Location`,
    holding the pair), else updated (200), in one step: two requests racing with a new pair make one
    company.

    The body is the create body. On an update it is applied as a partial update: fields not sent are
    left as they are, fields sent with null are cleared, as `PATCH` does; `external_ids` sets the
    sources sent and keeps the others.

    `If-Match` applies to an update (412 when stale; 412 too when no record has the pair, since the
    version named is not there). Access as usual: a create needs the right to create companys; an update
    the right to change this one. A company with this pair answers as its own URL does: 404 when you
    cannot read it, 403 when you read it but may not change it; it is never created a second time.

    Args:
        source (str): The source system, e.g. `erp`.
        external_id (str): The record's id in the source system (may contain '/').
        if_match (None | str | Unset): The record's ETag as last read; a stale one answers 412.
        body (CompanyCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CompanyRead | Problem
    """

    return (
        await asyncio_detailed(
            source=source,
            external_id=external_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
