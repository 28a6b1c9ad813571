from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.field_error_code import FieldErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error_out_params import FieldErrorOutParams


T = TypeVar("T", bound="FieldErrorOut")


@_attrs_define
class FieldErrorOut:
    """
    Attributes:
        code (FieldErrorCode): What is wrong with one input field, as a client can translate it. A closed, stable
            vocabulary: codes are added with care and never renamed; a client shows a generic
            message for a code it does not know.
        field (str): Dotted path of the offending input, e.g. `emails.0`.
        message (str): What is wrong, in English, for developers and logs.
        params (FieldErrorOutParams | Unset): What a translation of `code` needs, e.g. `{"max_length": 200}`.
    """

    code: FieldErrorCode
    field: str
    message: str
    params: FieldErrorOutParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        field = self.field

        message = self.message

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "field": field,
                "message": message,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error_out_params import FieldErrorOutParams  # noqa: PLC0415

        d = dict(src_dict)
        code = FieldErrorCode(d.pop("code"))

        field = d.pop("field")

        message = d.pop("message")

        _params = d.pop("params", UNSET)
        params: FieldErrorOutParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = FieldErrorOutParams.from_dict(_params)

        field_error_out = cls(
            code=code,
            field=field,
            message=message,
            params=params,
        )

        field_error_out.additional_properties = d
        return field_error_out

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
