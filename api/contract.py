"""Post-processing of the generated contract, beside api/problems.document_problems:
examples kept whole, and links from creates to what takes the created id.

OpenAPI links from each create operation to the operations that take the new record's
id, so clients and stateful testers (schemathesis) can follow `POST /contacts` ->
`GET /contacts/{contact_id}` with the id from the 201 body instead of guessing one.

Derived from the paths, so a new resource gets its links without anyone listing them: a
create is a POST on a collection (`/api/v1/contacts`) answering 201 or 202, and its
links go to every operation under `<collection>/{<id>}` that takes no other path
parameter. `EXTRA_LINKS` adds the few operations that take the id elsewhere, `NOT_LINKED`
leaves out those about another record, and `BODY_LINKS` names the creates that take the
new id in their body (a request about a contact, a user in a role)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import fastapi.routing
from pydantic import TypeAdapter
from starlette.routing import BaseRoute

ID_FROM_BODY = "$response.body#/id"
CREATED = ("201", "202")
METHODS = ("get", "put", "post", "patch", "delete")

# create operationId -> {operationId taking the created record's id: its path parameter}
EXTRA_LINKS: dict[str, dict[str, str]] = {
    "tasks_create": {"me_reminders_acknowledge": "task_id"},
}

# create operationId -> {operationId whose JSON body takes the created id: that field}
BODY_LINKS: dict[str, dict[str, str]] = {
    "companies_create": {"contacts_create": "company_id"},
    "contacts_create": {
        "interactions_create": "contact_id",
        "tasks_create": "contact_id",
        "requests_create": "contact_id",
    },
    "roles_create": {"users_create": "role_id"},
    "teams_create": {"users_create": "team_id"},
}

# Operations under a collection's `{id}` that answer about another record, each with the
# reason it is not linked: a link says "this works with the id you just got".
NOT_LINKED: dict[str, str] = {
    "contacts_company": "reads the contact's company: 404 for a contact without one",
}

_PARAMETER = re.compile(r"\{([^}]+)\}")


def _link(operation_id: str, parameter: str) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "parameters": {parameter: ID_FROM_BODY},
        "description": f"The new record's `id` is the `{parameter}` of `{operation_id}`.",
    }


def _operation_ids_by_id(paths: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        operation["operationId"]: (path, operation)
        for path, item in paths.items()
        for method, operation in item.items()
        if method in METHODS and "operationId" in operation
    }


def links_for(paths: dict[str, Any], collection: str, create_id: str) -> dict[str, Any]:
    """The links of the create operation at `collection`, keyed by target operationId."""
    links: dict[str, Any] = {}
    for path, item in sorted(paths.items()):
        rest = path.removeprefix(collection + "/")
        if rest == path or not rest.startswith("{"):
            continue
        parameters = _PARAMETER.findall(rest)
        if not rest.startswith("{" + parameters[0] + "}") or len(parameters) != 1:
            continue  # another path parameter: this link could not fill it
        for method in METHODS:
            operation = item.get(method)
            if operation and operation.get("operationId") not in (None, *NOT_LINKED):
                links[operation["operationId"]] = _link(operation["operationId"], parameters[0])
    known = _operation_ids_by_id(paths)
    for target, parameter in EXTRA_LINKS.get(create_id, {}).items():
        if target not in known:
            raise ValueError(f"EXTRA_LINKS names {target}, which the API does not have")
        if "{" + parameter + "}" not in known[target][0]:
            raise ValueError(f"{target} has no path parameter {parameter}")
        links[target] = _link(target, parameter)
    return links


def _body_link(schema: dict[str, Any], operation_id: str, field: str) -> Any:
    operations = _operation_ids_by_id(schema.get("paths", {}))
    if operation_id not in operations:
        raise ValueError(f"BODY_LINKS names {operation_id}, which the API does not have")
    body = operations[operation_id][1].get("requestBody", {})
    ref = body.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    component = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
    if field not in component.get("properties", {}):
        raise ValueError(f"the body of {operation_id} has no field {field}")
    return {
        "operationId": operation_id,
        "requestBody": {field: ID_FROM_BODY},
        "description": f"The new record's `id` can be the `{field}` in the body of "
        f"`{operation_id}`.",
    }


def add_links(schema: dict[str, Any]) -> dict[str, Any]:
    """Adds `links` to the 201/202 response of every create operation."""
    paths: dict[str, Any] = schema.get("paths", {})
    for collection, item in paths.items():
        create = item.get("post")
        if create is None or "{" in collection or "operationId" not in create:
            continue
        create_id = create["operationId"]
        for status in CREATED:
            response = create.get("responses", {}).get(status)
            if response is None:
                continue
            links = links_for(paths, collection, create_id)
            for target, field in BODY_LINKS.get(create_id, {}).items():
                links[target] = _body_link(schema, target, field)
            if links:
                response["links"] = dict(sorted(links.items()))
    return schema


def _routes(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, those of included routers too (FastAPI >= 0.16x keeps included
    routers as route groups)."""
    iter_route_contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    if iter_route_contexts is None:
        yield from routes
        return
    for context in iter_route_contexts(list(routes)):
        yield context.original_route


def restore_examples(schema: dict[str, Any], routes: Iterable[BaseRoute]) -> dict[str, Any]:
    """FastAPI renders the contract with `exclude_none`, which also drops the nulls inside
    examples (a contact's `"archived_at": null`), leaving examples that lack required
    fields. The response models' own JSON schemas keep them: their examples go back into
    the components of the same name."""
    components: dict[str, Any] = schema.get("components", {}).get("schemas", {})
    seen: set[int] = set()
    for route in _routes(routes):
        model = getattr(route, "response_model", None)
        if model is None or id(model) in seen:
            continue
        seen.add(id(model))
        # Wrapped in a list so the model itself lands in $defs under its component name.
        generated = TypeAdapter(list[model]).json_schema(  # type: ignore[valid-type]
            mode="serialization", ref_template="#/components/schemas/{model}"
        )
        for name, definition in generated.get("$defs", {}).items():
            if "examples" in definition and name in components:
                components[name]["examples"] = definition["examples"]
    return schema
