"""Breaking changes between two versions of the OpenAPI contract.

`breaking_changes(released, current)` lists what would break a client written against the
released contract:

- `removed-operation`: a method + path is gone (path parameter names do not matter);
- `removed-response`: a documented success status or its media type is gone;
- `removed-parameter`: a query/header/cookie parameter is gone;
- `newly-required-parameter`: a parameter must now be sent;
- `newly-required-request-field`: a request body field (or the body) must now be sent;
- `removed-request-field`: a field the body accepted is refused now (the body forbids
  unknown fields);
- `removed-response-field`: a response field is gone or no longer always present;
- `removed-enum-value`: an input no longer accepts an enum value;
- `narrowed-type`: an input accepts less (a type dropped, e.g. null; a tighter length,
  range, item count or pattern; a free value now limited to an enum);
- `widened-response-type`: a response field can now hold a type it never held (e.g. null).

Inputs (parameters and request bodies) break when they accept less, responses when they
promise less; each side is compared in its own direction. `check_release` turns the list
into a verdict: breaking changes are allowed only with a newer version than the released
one. Plain data in, plain data out: no I/O, no third-party imports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_TYPES = frozenset({"null", "boolean", "object", "array", "number", "integer", "string"})
_ANY = "any"
_MAX_DEPTH = 64

Json = Mapping[str, Any]


class Kind(StrEnum):
    REMOVED_OPERATION = "removed-operation"
    REMOVED_RESPONSE = "removed-response"
    REMOVED_PARAMETER = "removed-parameter"
    NEWLY_REQUIRED_PARAMETER = "newly-required-parameter"
    NEWLY_REQUIRED_REQUEST_FIELD = "newly-required-request-field"
    REMOVED_REQUEST_FIELD = "removed-request-field"
    REMOVED_RESPONSE_FIELD = "removed-response-field"
    REMOVED_ENUM_VALUE = "removed-enum-value"
    NARROWED_TYPE = "narrowed-type"
    WIDENED_RESPONSE_TYPE = "widened-response-type"


@dataclass(frozen=True, order=True)
class Change:
    kind: Kind
    location: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.location}: {self.detail}"


@dataclass(frozen=True)
class ReleaseCheck:
    released_version: str
    current_version: str
    changes: list[Change]

    @property
    def version_bumped(self) -> bool:
        return is_newer(self.current_version, self.released_version)

    @property
    def ok(self) -> bool:
        """Breaking changes need a version newer than the released one."""
        return not self.changes or self.version_bumped


def check_release(released: Json, current: Json) -> ReleaseCheck:
    return ReleaseCheck(
        released_version=str(released.get("info", {}).get("version", "")),
        current_version=str(current.get("info", {}).get("version", "")),
        changes=breaking_changes(released, current),
    )


def version_key(version: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"v?(\d+(?:\.\d+)*)", version.strip())
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def is_newer(version: str, than: str) -> bool:
    """Numeric comparison of dotted versions (`0.10.0` is newer than `0.9.1`); versions
    that are not plain numbers only count as newer when they differ."""
    key, other = version_key(version), version_key(than)
    if key is None or other is None:
        return version != than
    width = max(len(key), len(other))
    return key + (0,) * (width - len(key)) > other + (0,) * (width - len(other))


def breaking_changes(released: Json, current: Json) -> list[Change]:
    return sorted(set(_Comparer(released, current).run()))


def _normalized_path(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def _operations(document: Json) -> dict[tuple[str, str], tuple[str, Json, list[Json]]]:
    """(METHOD, normalized path) -> (label, operation, path-level parameters)."""
    found: dict[tuple[str, str], tuple[str, Json, list[Json]]] = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            label = f"{method.upper()} {path}"
            if operation.get("operationId"):
                label += f" ({operation['operationId']})"
            found[(method.upper(), _normalized_path(path))] = (
                label,
                operation,
                list(item.get("parameters", [])),
            )
    return found


@dataclass
class _Comparer:
    old_doc: Json
    new_doc: Json
    changes: list[Change] = field(default_factory=list)
    # Pairs of object schemas being compared further up: a recursive schema stops there.
    _open: set[tuple[int, int, str]] = field(default_factory=set)

    def run(self) -> list[Change]:
        old_ops, new_ops = _operations(self.old_doc), _operations(self.new_doc)
        for key, (label, old_op, old_path_params) in old_ops.items():
            if key not in new_ops:
                self._add(Kind.REMOVED_OPERATION, label, "the operation is gone")
                continue
            _, new_op, new_path_params = new_ops[key]
            self._parameters(label, old_op, old_path_params, new_op, new_path_params)
            self._request_body(label, old_op.get("requestBody"), new_op.get("requestBody"))
            self._responses(label, old_op.get("responses", {}), new_op.get("responses", {}))
        return self.changes

    def _add(self, kind: Kind, location: str, detail: str) -> None:
        self.changes.append(Change(kind, location, detail))

    # --- references ------------------------------------------------------------------

    def _resolve(self, document: Json, node: Any) -> Any:
        hops = 0
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and hops < 50:
            ref: str = node["$ref"]
            if not ref.startswith("#/"):
                return {}  # external references are not followed: nothing to compare
            target: Any = document
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part, {}) if isinstance(target, Mapping) else {}
            node, hops = target, hops + 1
        return node

    # --- parameters --------------------------------------------------------------------

    def _parameter_map(
        self, document: Json, operation: Json, path_level: list[Json]
    ) -> dict[tuple[str, str], Json]:
        merged: dict[tuple[str, str], Json] = {}
        for raw in [*path_level, *operation.get("parameters", [])]:
            parameter = self._resolve(document, raw)
            if isinstance(parameter, Mapping) and "name" in parameter and "in" in parameter:
                location = str(parameter["in"])
                name = str(parameter["name"])
                if location == "header":
                    name = name.lower()
                merged[(location, name)] = parameter
        return merged

    def _parameters(
        self,
        label: str,
        old_op: Json,
        old_path_params: list[Json],
        new_op: Json,
        new_path_params: list[Json],
    ) -> None:
        old = self._parameter_map(self.old_doc, old_op, old_path_params)
        new = self._parameter_map(self.new_doc, new_op, new_path_params)
        # Path parameters are positional: a renamed one is not a change for a client.
        old_path = [p for (where, _), p in old.items() if where == "path"]
        new_path = [p for (where, _), p in new.items() if where == "path"]
        for (where, name), parameter in old.items():
            if where == "path":
                continue
            if (where, name) not in new:
                self._add(Kind.REMOVED_PARAMETER, label, f"{where} parameter `{name}`")
                continue
            replacement = new[(where, name)]
            if replacement.get("required") and not parameter.get("required"):
                self._add(Kind.NEWLY_REQUIRED_PARAMETER, label, f"{where} parameter `{name}`")
            self._input(
                parameter.get("schema", {}),
                replacement.get("schema", {}),
                f"{label} {where} parameter `{name}`",
            )
        for (where, name), parameter in new.items():
            if where != "path" and (where, name) not in old and parameter.get("required"):
                self._add(Kind.NEWLY_REQUIRED_PARAMETER, label, f"{where} parameter `{name}`")
        for old_parameter, new_parameter in zip(old_path, new_path, strict=False):
            self._input(
                old_parameter.get("schema", {}),
                new_parameter.get("schema", {}),
                f"{label} path parameter `{old_parameter['name']}`",
            )

    # --- bodies ------------------------------------------------------------------------

    def _request_body(self, label: str, old_raw: Any, new_raw: Any) -> None:
        old = self._resolve(self.old_doc, old_raw) if old_raw else None
        new = self._resolve(self.new_doc, new_raw) if new_raw else None
        if new is None:
            return  # a body no longer read is ignored, not refused
        if old is None:
            if new.get("required"):
                self._add(Kind.NEWLY_REQUIRED_REQUEST_FIELD, label, "a request body is required")
            return
        if new.get("required") and not old.get("required"):
            self._add(Kind.NEWLY_REQUIRED_REQUEST_FIELD, label, "the request body is required")
        new_content = new.get("content", {})
        for media_type, old_media in old.get("content", {}).items():
            if media_type not in new_content:
                self._add(Kind.NARROWED_TYPE, label, f"the body no longer accepts {media_type}")
                continue
            self._input(
                old_media.get("schema", {}),
                new_content[media_type].get("schema", {}),
                f"{label} body",
            )

    def _responses(self, label: str, old: Json, new: Json) -> None:
        for status, old_raw in old.items():
            if not str(status).startswith("2"):
                continue  # error answers are problem details either way
            if status not in new:
                self._add(Kind.REMOVED_RESPONSE, label, f"status {status}")
                continue
            old_response = self._resolve(self.old_doc, old_raw)
            new_response = self._resolve(self.new_doc, new[status])
            new_content = new_response.get("content", {})
            for media_type, old_media in old_response.get("content", {}).items():
                if media_type not in new_content:
                    self._add(Kind.REMOVED_RESPONSE, label, f"status {status} as {media_type}")
                    continue
                self._output(
                    old_media.get("schema", {}),
                    new_content[media_type].get("schema", {}),
                    f"{label} {status} response",
                )

    # --- schemas -----------------------------------------------------------------------

    def _variants(self, document: Json, schema: Any) -> list[Json]:
        """The alternatives a schema allows, references resolved and anyOf/oneOf flattened;
        allOf parts are merged into one."""
        schema = self._resolve(document, schema)
        if not isinstance(schema, Mapping):
            return [{}] if schema is True or schema is None else []
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return [v for part in schema[key] for v in self._variants(document, part)]
        if "allOf" in schema:
            merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                for variant in self._variants(document, part)[:1]:
                    for key, value in variant.items():
                        if key == "properties":
                            merged["properties"] = {**merged.get("properties", {}), **value}
                        elif key == "required":
                            merged["required"] = [*merged.get("required", []), *value]
                        else:
                            merged.setdefault(key, value)
            return [merged]
        return [schema]

    @staticmethod
    def _types(variant: Json) -> set[str]:
        declared = variant.get("type")
        if isinstance(declared, str):
            return {declared}
        if isinstance(declared, list):
            return {t for t in declared if t in JSON_TYPES}
        values = [variant["const"]] if "const" in variant else variant.get("enum")
        if isinstance(values, list):
            return {_json_type(value) for value in values}
        if "properties" in variant:
            return {"object"}
        if "items" in variant:
            return {"array"}
        return {_ANY}

    def _type_set(self, variants: list[Json]) -> set[str]:
        types: set[str] = set()
        for variant in variants:
            types |= self._types(variant)
        if "number" in types:
            types.add("integer")
        return types

    @staticmethod
    def _enum(variants: list[Json]) -> set[Any] | None:
        """The finite set of string values allowed, or None when any string goes."""
        values: set[Any] = set()
        bounded = False
        for variant in variants:
            if "const" in variant:
                values.add(_hashable(variant["const"]))
                bounded = True
            elif isinstance(variant.get("enum"), list):
                values.update(_hashable(v) for v in variant["enum"])
                bounded = True
            elif "string" in _Comparer._types(variant) or _ANY in _Comparer._types(variant):
                return None
        return values if bounded else None

    def _first(self, variants: list[Json], kind: str) -> Json | None:
        for variant in variants:
            if kind in self._types(variant):
                return variant
        return None

    @contextmanager
    def _entered(self, old: Json, new: Json, side: str) -> Iterator[bool]:
        """False when this pair of objects is already being compared (a recursive schema)."""
        key = (id(old), id(new), side)
        if key in self._open or len(self._open) > _MAX_DEPTH:
            yield False
            return
        self._open.add(key)
        try:
            yield True
        finally:
            self._open.discard(key)

    def _input(self, old_schema: Any, new_schema: Any, location: str) -> None:
        """A request value: breaking when the new schema accepts less."""
        old_v = self._variants(self.old_doc, old_schema)
        new_v = self._variants(self.new_doc, new_schema)
        old_types, new_types = self._type_set(old_v), self._type_set(new_v)
        if _ANY not in new_types:
            lost = (old_types - new_types) - ({"integer"} if "number" in new_types else set())
            if _ANY in lost:
                self._add(
                    Kind.NARROWED_TYPE,
                    location,
                    f"accepted any value, now only {_names(new_types)}",
                )
            elif lost:
                self._add(Kind.NARROWED_TYPE, location, f"no longer accepts {_names(lost)}")
        old_enum, new_enum = self._enum(old_v), self._enum(new_v)
        if old_enum is not None and new_enum is not None:
            for value in sorted(old_enum - new_enum, key=repr):
                self._add(Kind.REMOVED_ENUM_VALUE, location, f"{value!r} is no longer accepted")
        elif old_enum is None and new_enum is not None and "string" in old_types:
            self._add(Kind.NARROWED_TYPE, location, f"now limited to {sorted(new_enum, key=repr)}")
        self._constraints(old_v, new_v, location)
        old_object, new_object = self._first(old_v, "object"), self._first(new_v, "object")
        if old_object is not None and new_object is not None:
            with self._entered(old_object, new_object, "input") as first_time:
                if first_time:
                    self._input_object(old_object, new_object, location)
        old_array, new_array = self._first(old_v, "array"), self._first(new_v, "array")
        if old_array is not None and new_array is not None:
            self._input(old_array.get("items", {}), new_array.get("items", {}), f"{location}[]")

    def _input_object(self, old: Json, new: Json, location: str) -> None:
        old_props: Mapping[str, Any] = old.get("properties", {})
        new_props: Mapping[str, Any] = new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in sorted(new_required - old_required):
            self._add(Kind.NEWLY_REQUIRED_REQUEST_FIELD, location, f"`{name}`")
        closed = new.get("additionalProperties") is False
        for name, old_prop in old_props.items():
            if name not in new_props:
                if closed:
                    self._add(Kind.REMOVED_REQUEST_FIELD, location, f"`{name}` is refused now")
                continue
            self._input(old_prop, new_props[name], f"{location}.{name}")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, Mapping) and isinstance(new_extra, Mapping):
            self._input(old_extra, new_extra, f"{location}.*")
        elif old_extra not in (None, False) and new_extra is False:
            self._add(Kind.NARROWED_TYPE, location, "no longer accepts further fields")

    def _constraints(self, old_v: list[Json], new_v: list[Json], location: str) -> None:
        """Tighter bounds on the values both versions accept."""
        checks: list[tuple[str, Iterable[tuple[str, str]]]] = [
            ("string", (("minLength", "up"), ("maxLength", "down"))),
            (
                "number",
                (
                    ("minimum", "up"),
                    ("exclusiveMinimum", "up"),
                    ("maximum", "down"),
                    ("exclusiveMaximum", "down"),
                ),
            ),
            (
                "integer",
                (
                    ("minimum", "up"),
                    ("exclusiveMinimum", "up"),
                    ("maximum", "down"),
                    ("exclusiveMaximum", "down"),
                ),
            ),
            ("array", (("minItems", "up"), ("maxItems", "down"))),
            ("object", (("minProperties", "up"), ("maxProperties", "down"))),
        ]
        for json_type, bounds in checks:
            old, new = self._first(old_v, json_type), self._first(new_v, json_type)
            if old is None or new is None:
                continue
            for keyword, direction in bounds:
                before, after = old.get(keyword), new.get(keyword)
                if not isinstance(after, int | float) or isinstance(after, bool):
                    continue
                tighter = before is None or (
                    after > before if direction == "up" else after < before
                )
                if tighter:
                    was = "unset" if before is None else before
                    self._add(Kind.NARROWED_TYPE, location, f"{keyword} {was} -> {after}")
            if (
                json_type == "string"
                and new.get("pattern")
                and (new.get("pattern") != old.get("pattern"))
            ):
                self._add(Kind.NARROWED_TYPE, location, f"pattern now {new['pattern']!r}")
            if json_type == "array" and new.get("uniqueItems") and not old.get("uniqueItems"):
                self._add(Kind.NARROWED_TYPE, location, "items must now be unique")

    def _output(self, old_schema: Any, new_schema: Any, location: str) -> None:
        """A response value: breaking when the new schema promises less."""
        old_v = self._variants(self.old_doc, old_schema)
        new_v = self._variants(self.new_doc, new_schema)
        old_types, new_types = self._type_set(old_v), self._type_set(new_v)
        if _ANY not in old_types:
            gained = (new_types - old_types) - ({"integer"} if "number" in old_types else set())
            if gained:
                self._add(Kind.WIDENED_RESPONSE_TYPE, location, f"can now be {_names(gained)}")
        old_object, new_object = self._first(old_v, "object"), self._first(new_v, "object")
        if old_object is not None and new_object is not None:
            with self._entered(old_object, new_object, "output") as first_time:
                if first_time:
                    self._output_object(old_object, new_object, location)
        old_array, new_array = self._first(old_v, "array"), self._first(new_v, "array")
        if old_array is not None and new_array is not None:
            self._output(old_array.get("items", {}), new_array.get("items", {}), f"{location}[]")

    def _output_object(self, old: Json, new: Json, location: str) -> None:
        old_props: Mapping[str, Any] = old.get("properties", {})
        new_props: Mapping[str, Any] = new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name, old_prop in old_props.items():
            if name not in new_props:
                self._add(Kind.REMOVED_RESPONSE_FIELD, location, f"`{name}`")
                continue
            if name in old_required and name not in new_required:
                self._add(
                    Kind.REMOVED_RESPONSE_FIELD, location, f"`{name}` is no longer always present"
                )
            self._output(old_prop, new_props[name], f"{location}.{name}")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, Mapping) and isinstance(new_extra, Mapping):
            self._output(old_extra, new_extra, f"{location}.*")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _hashable(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | None) else repr(value)


def _names(types: set[str]) -> str:
    return ", ".join(sorted(types))
