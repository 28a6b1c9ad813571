from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.dedupe import Dedupe
from ..models.on_error import OnError
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyImportsCreate")


@_attrs_define
class BodyImportsCreate:
    """
    Attributes:
        file (str): CSV, UTF-8 or Windows-1252, up to 50 MB.
        mapping (str): JSON object: file column -> contact field, e.g. {"E-Mail": "email", "Firma": "company",
            "Kundennummer": "custom_fields.customer_number"}.
        dedupe (Dedupe | Unset): What a row whose e-mail a live contact already has does.
        on_error (OnError | Unset): ABORT: one bad row and nothing is imported. SKIP_ROW: bad rows are reported and
            left out, the others imported.
    """

    file: str
    mapping: str
    dedupe: Dedupe | Unset = UNSET
    on_error: OnError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file

        mapping = self.mapping

        dedupe: str | Unset = UNSET
        if not isinstance(self.dedupe, Unset):
            dedupe = self.dedupe.value

        on_error: str | Unset = UNSET
        if not isinstance(self.on_error, Unset):
            on_error = self.on_error.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
                "mapping": mapping,
            }
        )
        if dedupe is not UNSET:
            field_dict["dedupe"] = dedupe
        if on_error is not UNSET:
            field_dict["on_error"] = on_error

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", (None, str(self.file).encode(), "text/plain")))

        files.append(("mapping", (None, str(self.mapping).encode(), "text/plain")))

        if not isinstance(self.dedupe, Unset):
            files.append(("dedupe", (None, str(self.dedupe.value).encode(), "text/plain")))

        if not isinstance(self.on_error, Unset):
            files.append(("on_error", (None, str(self.on_error.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = d.pop("file")

        mapping = d.pop("mapping")

        _dedupe = d.pop("dedupe", UNSET)
        dedupe: Dedupe | Unset
        if isinstance(_dedupe, Unset):
            dedupe = UNSET
        else:
            dedupe = Dedupe(_dedupe)

        _on_error = d.pop("on_error", UNSET)
        on_error: OnError | Unset
        if isinstance(_on_error, Unset):
            on_error = UNSET
        else:
            on_error = OnError(_on_error)

        body_imports_create = cls(
            file=file,
            mapping=mapping,
            dedupe=dedupe,
            on_error=on_error,
        )

        body_imports_create.additional_properties = d
        return body_imports_create

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
