from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.company_upsert_result_status import CompanyUpsertResultStatus

if TYPE_CHECKING:
    from ..models.company_read import CompanyRead
    from ..models.problem import Problem


T = TypeVar("T", bound="CompanyUpsertResult")


@_attrs_define
class CompanyUpsertResult:
    """
    Attributes:
        problem (None | Problem): Why the item failed; null otherwise.
        record (CompanyRead | None): The record as saved; null on an error.
        status (CompanyUpsertResultStatus):
    """

    problem: None | Problem
    record: CompanyRead | None
    status: CompanyUpsertResultStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.company_read import CompanyRead  # noqa: PLC0415
        from ..models.problem import Problem  # noqa: PLC0415

        problem: dict[str, Any] | None
        if isinstance(self.problem, Problem):
            problem = self.problem.to_dict()
        else:
            problem = self.problem

        record: dict[str, Any] | None
        if isinstance(self.record, CompanyRead):
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
        from ..models.company_read import CompanyRead  # noqa: PLC0415
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

        def _parse_record(data: object) -> CompanyRead | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                record_type_0 = CompanyRead.from_dict(data)

                return record_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompanyRead | None, data)

        record = _parse_record(d.pop("record"))

        status = CompanyUpsertResultStatus(d.pop("status"))

        company_upsert_result = cls(
            problem=problem,
            record=record,
            status=status,
        )

        company_upsert_result.additional_properties = d
        return company_upsert_result

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
