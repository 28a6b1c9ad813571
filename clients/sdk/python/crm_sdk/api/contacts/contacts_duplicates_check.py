from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.duplicate_list import DuplicateList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    country: None | str | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    phone: list[str] | Unset = UNSET,
    first_name: None | str | Unset = UNSET,
    last_name: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_email: list[str] | Unset = UNSET
    if not isinstance(email, Unset):
        json_email = email

    params["email"] = json_email

    json_phone: list[str] | Unset = UNSET
    if not isinstance(phone, Unset):
        json_phone = phone

    params["phone"] = json_phone

    json_first_name: None | str | Unset
    if isinstance(first_name, Unset):
        json_first_name = UNSET
    else:
        json_first_name = first_name
    params["first_name"] = json_first_name

    json_last_name: None | str | Unset
    if isinstance(last_name, Unset):
        json_last_name = UNSET
    else:
        json_last_name = last_name
    params["last_name"] = json_last_name

    json_company_id: None | str | Unset
    if isinstance(company_id, Unset):
        json_company_id = UNSET
    elif isinstance(company_id, UUID):
        json_company_id = str(company_id)
    else:
        json_company_id = company_id
    params["company_id"] = json_company_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/contacts/duplicates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DuplicateList | Problem | None:
    if response.status_code == 200:
        response_200 = DuplicateList.from_dict(response.json())

        return response_200

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
) -> Response[DuplicateList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    phone: list[str] | Unset = UNSET,
    first_name: None | str | Unset = UNSET,
    last_name: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
) -> Response[DuplicateList | Problem]:
    """Contacts a contact about to be created would probably duplicate

     The same answer as a contact's duplicates, for what a form holds so far: matches are looked for in
    the whole database.

    Args:
        country (None | str | Unset): Where a local phone number is.
        email (list[str] | Unset): An e-mail; repeatable.
        phone (list[str] | Unset): A phone number; repeatable.
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        company_id (None | Unset | UUID): With a name: a close name at this company is a match.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DuplicateList | Problem]
    """

    kwargs = _get_kwargs(
        country=country,
        email=email,
        phone=phone,
        first_name=first_name,
        last_name=last_name,
        company_id=company_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    phone: list[str] | Unset = UNSET,
    first_name: None | str | Unset = UNSET,
    last_name: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
) -> DuplicateList | Problem | None:
    """Contacts a contact about to be created would probably duplicate

     The same answer as a contact's duplicates, for what a form holds so far: matches are looked for in
    the whole database.

    Args:
        country (None | str | Unset): Where a local phone number is.
        email (list[str] | Unset): An e-mail; repeatable.
        phone (list[str] | Unset): A phone number; repeatable.
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        company_id (None | Unset | UUID): With a name: a close name at this company is a match.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DuplicateList | Problem
    """

    return sync_detailed(
        client=client,
        country=country,
        email=email,
        phone=phone,
        first_name=first_name,
        last_name=last_name,
        company_id=company_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    phone: list[str] | Unset = UNSET,
    first_name: None | str | Unset = UNSET,
    last_name: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
) -> Response[DuplicateList | Problem]:
    """Contacts a contact about to be created would probably duplicate

     The same answer as a contact's duplicates, for what a form holds so far: matches are looked for in
    the whole database.

    Args:
        country (None | str | Unset): Where a local phone number is.
        email (list[str] | Unset): An e-mail; repeatable.
        phone (list[str] | Unset): A phone number; repeatable.
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        company_id (None | Unset | UUID): With a name: a close name at this company is a match.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DuplicateList | Problem]
    """

    kwargs = _get_kwargs(
        country=country,
        email=email,
        phone=phone,
        first_name=first_name,
        last_name=last_name,
        company_id=company_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    country: None | str | Unset = UNSET,
    email: list[str] | Unset = UNSET,
    phone: list[str] | Unset = UNSET,
    first_name: None | str | Unset = UNSET,
    last_name: None | str | Unset = UNSET,
    company_id: None | Unset | UUID = UNSET,
) -> DuplicateList | Problem | None:
    """Contacts a contact about to be created would probably duplicate

     The same answer as a contact's duplicates, for what a form holds so far: matches are looked for in
    the whole database.

    Args:
        country (None | str | Unset): Where a local phone number is.
        email (list[str] | Unset): An e-mail; repeatable.
        phone (list[str] | Unset): A phone number; repeatable.
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        company_id (None | Unset | UUID): With a name: a close name at this company is a match.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DuplicateList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            country=country,
            email=email,
            phone=phone,
            first_name=first_name,
            last_name=last_name,
            company_id=company_id,
        )
    ).parsed
