from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dedupe import Dedupe
from ..models.import_status import ImportStatus
from ..models.on_error import OnError

if TYPE_CHECKING:
    from ..models.import_read_mapping import ImportReadMapping
    from ..models.row_error_out import RowErrorOut


T = TypeVar("T", bound="ImportRead")


@_attrs_define
class ImportRead:
    """
    Attributes:
        created (int):
        created_at (datetime.datetime):
        dedupe (Dedupe): What a row whose e-mail a live contact already has does.
        errors (list[RowErrorOut]): The first 1000 row errors.
        failed (int):
        file_name (str):
        finished_at (datetime.datetime | None):
        id (UUID):
        mapping (ImportReadMapping):
        on_error (OnError): ABORT: one bad row and nothing is imported. SKIP_ROW: bad rows are reported and
            left out, the others imported.
        processed_rows (int):
        skipped (int):
        started_at (datetime.datetime | None):
        status (ImportStatus):
        total_rows (int):
        updated (int):
        validated_rows (int):
    """

    created: int
    created_at: datetime.datetime
    dedupe: Dedupe
    errors: list[RowErrorOut]
    failed: int
    file_name: str
    finished_at: datetime.datetime | None
    id: UUID
    mapping: ImportReadMapping
    on_error: OnError
    processed_rows: int
    skipped: int
    started_at: datetime.datetime | None
    status: ImportStatus
    total_rows: int
    updated: int
    validated_rows: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        created_at = self.created_at.isoformat()

        dedupe = self.dedupe.value

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        failed = self.failed

        file_name = self.file_name

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        mapping = self.mapping.to_dict()

        on_error = self.on_error.value

        processed_rows = self.processed_rows

        skipped = self.skipped

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value

        total_rows = self.total_rows

        updated = self.updated

        validated_rows = self.validated_rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "created_at": created_at,
                "dedupe": dedupe,
                "errors": errors,
                "failed": failed,
                "file_name": file_name,
                "finished_at": finished_at,
                "id": id,
                "mapping": mapping,
                "on_error": on_error,
                "processed_rows": processed_rows,
                "skipped": skipped,
                "started_at": started_at,
                "status": status,
                "total_rows": total_rows,
                "updated": updated,
                "validated_rows": validated_rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_read_mapping import ImportReadMapping  # noqa: PLC0415
        from ..models.row_error_out import RowErrorOut  # noqa: PLC0415

        d = dict(src_dict)
        created = d.pop("created")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dedupe = Dedupe(d.pop("dedupe"))

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = RowErrorOut.from_dict(errors_item_data)

            errors.append(errors_item)

        failed = d.pop("failed")

        file_name = d.pop("file_name")

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        mapping = ImportReadMapping.from_dict(d.pop("mapping"))

        on_error = OnError(d.pop("on_error"))

        processed_rows = d.pop("processed_rows")

        skipped = d.pop("skipped")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        status = ImportStatus(d.pop("status"))

        total_rows = d.pop("total_rows")

        updated = d.pop("updated")

        validated_rows = d.pop("validated_rows")

        import_read = cls(
            created=created,
            created_at=created_at,
            dedupe=dedupe,
            errors=errors,
            failed=failed,
            file_name=file_name,
            finished_at=finished_at,
            id=id,
            mapping=mapping,
            on_error=on_error,
            processed_rows=processed_rows,
            skipped=skipped,
            started_at=started_at,
            status=status,
            total_rows=total_rows,
            updated=updated,
            validated_rows=validated_rows,
        )

        import_read.additional_properties = d
        return import_read

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
