// Record access levels as the app uses them: display hints only (which controls to show,
// which levels the role editor offers). Every rule is the API's (domain/access.py,
// domain/scope.py, domain/roles.check_may_grant); it checks everything again.
import {
  ACCESS_LEVELS,
  type AccessAction,
  type AccessLevel,
  type AccessMatrix,
  type Claims,
  parseAccess,
  RECORD_KINDS,
  type RecordKind,
} from "./session";

export const ACTIONS: readonly AccessAction[] = ["read", "write"];

const BREADTH: Record<AccessLevel, number> = { none: 0, own: 1, team: 2, all: 3 };

/** How far a level reaches: none < own < team < all. */
export function breadth(level: AccessLevel): number {
  return BREADTH[level] ?? 0;
}

const RECORD_PERMISSION = new RegExp(`^(${RECORD_KINDS.join("|")}):(read|write)$`);

/** `contacts:read`, `deals:write`, ...: these follow from a role's access levels. */
export function isRecordPermission(permission: string): boolean {
  return RECORD_PERMISSION.test(permission);
}

/** The permissions that are not about records (`reports:read`, `users:manage`, ...). */
export function grantsOf<P extends string>(permissions: readonly P[]): P[] {
  return permissions.filter((p) => !isRecordPermission(p));
}

export interface OwnedRecord {
  owner_id?: string | null;
  team_id?: string | null;
}

/** A record as far as changing it is concerned: its owner and team, and for work that is
 * handed to people, who has it (a task's or request's assignee, an interaction's
 * participants). */
export interface WorkRecord extends OwnedRecord {
  assignee_id?: string | null;
  user_ids?: readonly string[] | null;
}

/** Who besides the owner counts as responsible for a record of `kind` (domain/tasks.py,
 * domain/requests.py, domain/interactions.py): the assignee of a task or a request, the
 * participants of an interaction. Nobody for the other kinds. */
export function responsibleFor(kind: RecordKind, record: WorkRecord): string[] {
  switch (kind) {
    case "tasks":
    case "requests":
      return record.assignee_id ? [record.assignee_id] : [];
    case "interactions":
      return [...(record.user_ids ?? [])];
    default:
      return [];
  }
}

/** Whether `level` reaches `record` for the user `me`: own, the records they own or are
 * `responsible` for; team, their team's too; all, every record (domain/scope.py). */
export function reaches(
  level: AccessLevel,
  record: OwnedRecord,
  me: Pick<Claims, "sub" | "team"> | null,
  responsible: readonly string[] = [],
): boolean {
  if (!me) return false;
  const theirs = record.owner_id === me.sub || responsible.includes(me.sub);
  switch (level) {
    case "all":
      return true;
    case "team":
      return theirs || (Boolean(me.team) && record.team_id === me.team);
    case "own":
      return theirs;
    default:
      return false;
  }
}

/** Where `access` reaches further than `limit`, kind by kind, action by action. */
export function exceeding(access: AccessMatrix, limit: AccessMatrix): Array<[RecordKind, AccessAction]> {
  return RECORD_KINDS.flatMap((kind) =>
    ACTIONS.filter((action) => breadth(access[kind][action]) > breadth(limit[kind][action])).map(
      (action): [RecordKind, AccessAction] => [kind, action],
    ),
  );
}

/** Whether the API would let `claims` grant `role`: a rank below theirs, no permission
 * beyond records they lack, and no access level wider than theirs, kind by kind, for
 * reading and writing each. */
export function mayGrant(role: { rank: number; permissions: readonly string[]; access: AccessMatrix }, claims: Claims | null): boolean {
  if (!claims) return false;
  const held = new Set(claims.perms);
  return (
    role.rank < claims.rank &&
    grantsOf(role.permissions).every((p) => held.has(p)) &&
    exceeding(role.access, parseAccess(claims.acc)).length === 0
  );
}

/** The levels offered for one cell of the role editor: none up to the editor's own level
 * for that kind and action; for writing, also no wider than the chosen read level. */
export function offeredLevels(limit: AccessMatrix, kind: RecordKind, action: AccessAction, read: AccessLevel = "all"): AccessLevel[] {
  const widest = action === "write" ? Math.min(breadth(limit[kind].write), breadth(read)) : breadth(limit[kind].read);
  return ACCESS_LEVELS.filter((level) => breadth(level) <= widest);
}

/** The matrix with one level chosen; lowering read lowers write with it. */
export function withLevel(access: AccessMatrix, kind: RecordKind, action: AccessAction, level: AccessLevel): AccessMatrix {
  const entry = { ...access[kind], [action]: level };
  if (action === "read" && breadth(entry.write) > breadth(level)) entry.write = level;
  return { ...access, [kind]: entry };
}

export function sameAccess(a: AccessMatrix, b: AccessMatrix): boolean {
  return RECORD_KINDS.every((kind) => ACTIONS.every((action) => a[kind][action] === b[kind][action]));
}

/** A copy holding only the six kinds (a role read from the API may carry more later). */
export function copyAccess(access: AccessMatrix): AccessMatrix {
  return Object.fromEntries(
    RECORD_KINDS.map((kind) => [kind, { read: access[kind]?.read ?? "none", write: access[kind]?.write ?? "none" }]),
  ) as AccessMatrix;
}

export interface AccessGroup {
  kinds: RecordKind[];
  read: AccessLevel;
  write: AccessLevel;
}

/** The kinds grouped by equal levels, in kind order, for a compact summary; kinds with no
 * access are left out. */
export function accessGroups(access: AccessMatrix): AccessGroup[] {
  const groups: AccessGroup[] = [];
  for (const kind of RECORD_KINDS) {
    const { read, write } = access[kind] ?? { read: "none", write: "none" };
    if (read === "none" && write === "none") continue;
    const group = groups.find((g) => g.read === read && g.write === write);
    if (group) group.kinds.push(kind);
    else groups.push({ kinds: [kind], read, write });
  }
  return groups;
}
