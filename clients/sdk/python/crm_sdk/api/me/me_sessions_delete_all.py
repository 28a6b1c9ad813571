from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    except_current: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["except_current"] = except_current

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/me/sessions",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    except_current: bool | Unset = False,
) -> Response[Any | Problem]:
    """Sign out everywhere: every sign-in of mine, or all but this one

    Args:
        except_current (bool | Unset): Keep the sign-in making this request (sign out everywhere
            else). Without it, this client is signed out too. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        except_current=except_current,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    except_current: bool | Unset = False,
) -> Any | Problem | None:
    """Sign out everywhere: every sign-in of mine, or all but this one

    Args:
        except_current (bool | Unset): Keep the sign-in making this request (sign out everywhere
            else). Without it, this client is signed out too. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        client=client,
        except_current=except_current,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    except_current: bool | Unset = False,
) -> Response[Any | Problem]:
    """Sign out everywhere: every sign-in of mine, or all but this one

    Args:
        except_current (bool | Unset): Keep the sign-in making this request (sign out everywhere
            else). Without it, this client is signed out too. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        except_current=except_current,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    except_current: bool | Unset = False,
) -> Any | Problem | None:
    """Sign out everywhere: every sign-in of mine, or all but this one

    Args:
        except_current (bool | Unset): Keep the sign-in making this request (sign out everywhere
            else). Without it, this client is signed out too. Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            except_current=except_current,
        )
    ).parsed
