from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_upsert_result_status import ContactUpsertResultStatus

if TYPE_CHECKING:
    from ..models.contact_read import ContactRead
    from ..models.problem import Problem


T = TypeVar("T", bound="ContactUpsertResult")


@_attrs_define
class ContactUpsertResult:
    """
    Attributes:
        problem (None | Problem): Why the item failed; null otherwise.
        record (ContactRead | None): The record as saved; null on an error.
        status (ContactUpsertResultStatus):
    """

    problem: None | Problem
    record: ContactRead | None
    status: ContactUpsertResultStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_read import ContactRead  # noqa: PLC0415
        from ..models.problem import Problem  # noqa: PLC0415

        problem: dict[str, Any] | None
        if isinstance(self.problem, Problem):
            problem = self.problem.to_dict()
        else:
            problem = self.problem

        record: dict[str, Any] | None
        if isinstance(self.record, ContactRead):
            record = self.record.to_dict()
        else:
            record = self.record

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "problem": problem,
                "record": record,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_read import ContactRead  # noqa: PLC0415
        from ..models.problem import Problem  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_problem(data: object) -> None | Problem:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                problem_type_0 = Problem.from_dict(data)

                return problem_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Problem, data)

        problem = _parse_problem(d.pop("problem"))

        def _parse_record(data: object) -> ContactRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                record_type_0 = ContactRead.from_dict(data)

                return record_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactRead | None, data)

        record = _parse_record(d.pop("record"))

        status = ContactUpsertResultStatus(d.pop("status"))

        contact_upsert_result = cls(
            problem=problem,
            record=record,
            status=status,
        )

        contact_upsert_result.additional_properties = d
        return contact_upsert_result

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
