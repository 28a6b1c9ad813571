"""Record access: for each kind of customer record, how far a role reads and how far it
writes, each one of none / own / team / all, write never wider than read.

A role's access is a matrix of these levels; `Principal.access` carries it from the
access token, and `domain/access/scope.py` turns a level into the records it reaches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import FieldError, FieldErrorCode, ValidationFailed


class AccessLevel(StrEnum):
    """`own` covers the records a user owns or is responsible for; `team` those of the
    user's team as well; `all` every record."""

    NONE = "none"
    OWN = "own"
    TEAM = "team"
    ALL = "all"

    @property
    def breadth(self) -> int:
        return _BREADTH[self]

    @property
    def letter(self) -> str:
        """The level's one-letter code in the access token's `acc` claim."""
        return self.value[0]


_BREADTH = {AccessLevel.NONE: 0, AccessLevel.OWN: 1, AccessLevel.TEAM: 2, AccessLevel.ALL: 3}
_BY_LETTER = {level.letter: level for level in AccessLevel}


class RecordKind(StrEnum):
    """The kinds of customer records a role's access is set for."""

    CONTACTS = "contacts"
    COMPANIES = "companies"
    DEALS = "deals"
    INTERACTIONS = "interactions"
    TASKS = "tasks"
    REQUESTS = "requests"


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    # Archiving and restoring: as far as the role writes, unless the role says less.
    ARCHIVE = "archive"


@dataclass(frozen=True)
class EntityAccess:
    read: AccessLevel
    write: AccessLevel
    # None (not given): as far as `write`.
    archive: AccessLevel | None = None

    def __post_init__(self) -> None:
        if self.archive is None:
            object.__setattr__(self, "archive", self.write)

    def level(self, action: Action) -> AccessLevel:
        if action is Action.READ:
            return self.read
        if action is Action.WRITE:
            return self.write
        return self.archive or self.write


NO_ACCESS = EntityAccess(AccessLevel.NONE, AccessLevel.NONE)


@dataclass(frozen=True)
class AccessMatrix:
    """A read, a write and an archive level for every record kind (a kind not given:
    none)."""

    entries: tuple[tuple[RecordKind, EntityAccess], ...]

    @classmethod
    def of(cls, levels: Mapping[RecordKind, EntityAccess]) -> AccessMatrix:
        return cls(tuple((kind, levels.get(kind, NO_ACCESS)) for kind in RecordKind))

    @classmethod
    def uniform(
        cls, read: AccessLevel, write: AccessLevel, kinds: Iterable[RecordKind] = tuple(RecordKind)
    ) -> AccessMatrix:
        return cls.of(dict.fromkeys(kinds, EntityAccess(read, write)))

    def __getitem__(self, kind: RecordKind) -> EntityAccess:
        for entry_kind, access in self.entries:
            if entry_kind is kind:
                return access
        return NO_ACCESS

    def level(self, kind: RecordKind, action: Action) -> AccessLevel:
        return self[kind].level(action)

    def as_dict(self) -> dict[str, dict[str, str]]:
        """The matrix as JSON: `{"contacts": {"read": "all", "write": "own", "archive":
        "own"}, ...}`."""
        return {
            kind.value: {action.value: access.level(action).value for action in Action}
            for kind, access in self.entries
        }

    def compact(self) -> str:
        """The `acc` claim: one `<kind>:<read><write><archive>` (a letter each) per
        kind, comma separated, in `RecordKind` order (`contacts:aoo,companies:aoo,...`)."""
        return ",".join(
            f"{kind.value}:" + "".join(access.level(action).letter for action in Action)
            for kind, access in self.entries
        )

    @classmethod
    def from_compact(cls, claim: str) -> AccessMatrix:
        """Inverse of `compact` (and of its two-letter form from before the archive
        level: a token or a queued import of then); ValueError on anything else."""
        levels: dict[RecordKind, EntityAccess] = {}
        for part in claim.split(","):
            name, _, letters = part.partition(":")
            # Two letters: written before the archive level, which then follows write.
            if len(letters) not in (2, 3):
                raise ValueError(f"malformed access entry {part!r}")
            read, write, *archive = (_BY_LETTER[letter] for letter in letters)
            levels[RecordKind(name)] = EntityAccess(read, write, *archive)
        if set(levels) != set(RecordKind):
            raise ValueError("the access claim does not name every record kind")
        return cls.of(levels)

    def widest(self, action: Action) -> AccessLevel:
        return max(
            (access.level(action) for _, access in self.entries),
            key=lambda level: level.breadth,
            default=AccessLevel.NONE,
        )

    def exceeding(self, other: AccessMatrix) -> list[tuple[RecordKind, Action]]:
        """Where this matrix reaches further than `other`, kind by kind, action by action."""
        return [
            (kind, action)
            for kind in RecordKind
            for action in Action
            if self.level(kind, action).breadth > other.level(kind, action).breadth
        ]


def parse_access(data: Mapping[str, Mapping[str, str]], field_name: str = "access") -> AccessMatrix:
    """A matrix from its JSON form, every problem named by its field. Kinds left out get
    no access; write must not reach further than read, nor archive than write (which it
    follows when not given)."""
    errors: list[FieldError] = []
    levels: dict[RecordKind, EntityAccess] = {}
    for name, entry in data.items():
        try:
            kind = RecordKind(name)
        except ValueError:
            errors.append(
                FieldError(
                    f"{field_name}.{name}", "unknown record kind", FieldErrorCode.INVALID_CHOICE
                )
            )
            continue
        parsed: dict[Action, AccessLevel] = {}
        for action in Action:
            if action is Action.ARCHIVE and entry.get(action.value) is None:
                continue
            raw = entry.get(action.value, AccessLevel.NONE.value)
            try:
                parsed[action] = AccessLevel(raw)
            except ValueError:
                errors.append(
                    FieldError(
                        f"{field_name}.{name}.{action.value}",
                        "must be one of none, own, team, all",
                        FieldErrorCode.INVALID_CHOICE,
                    )
                )
        if Action.READ not in parsed or Action.WRITE not in parsed:
            continue
        read, write = parsed[Action.READ], parsed[Action.WRITE]
        archive = parsed.get(Action.ARCHIVE, write)
        narrower = (
            (Action.WRITE, "write may not reach further than read", write, read),
            (Action.ARCHIVE, "archive may not reach further than write", archive, write),
        )
        wrong = [
            FieldError(f"{field_name}.{name}.{action.value}", message, FieldErrorCode.NOT_ALLOWED)
            for action, message, wider, than in narrower
            if wider.breadth > than.breadth
        ]
        if wrong:
            errors.extend(wrong[:1])
            continue
        levels[kind] = EntityAccess(read, write, archive)
    if errors:
        raise ValidationFailed("The access levels are not valid.", errors)
    return AccessMatrix.of(levels)
