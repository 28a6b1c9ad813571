// Record access levels as the app uses them: display hints only (which controls to show,
// which levels the role editor offers). Every rule is the API's (domain/access/levels.py,
// domain/access/scope.py, domain/access/roles.py check_may_grant); it checks everything
// again. Each kind has a read, a write and an archive level (archiving and restoring),
// each no wider than the one before.
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

/** In the order each bounds the next: write never wider than read, archive than write. */
export const ACTIONS: readonly AccessAction[] = ["read", "write", "archive"];

const BREADTH: Record<AccessLevel, number> = { none: 0, own: 1, team: 2, all: 3 };

/** How far a level reaches: none < own < team < all. */
export function breadth(level: AccessLevel): number {
  return BREADTH[level] ?? 0;
}

// Archiving has no permission of its own: it is writing, as far as the archive level.
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

/** Whether the user `me`, holding `access`, may `action` `record` of `kind`: as far as that
 * level reaches (domain/scope.py). Reading and writing count whoever is responsible for it
 * (`responsibleFor`) as its owner; archiving does not, and needs the write level to reach
 * it as well, as the API decides (can_archive after can_change). */
export function mayAct(
  access: AccessMatrix,
  kind: RecordKind,
  action: AccessAction,
  record: WorkRecord,
  me: Pick<Claims, "sub" | "team"> | null,
): boolean {
  const levels = access[kind];
  if (action !== "archive") return reaches(levels[action], record, me, responsibleFor(kind, record));
  return mayAct(access, kind, "write", record, me) && reaches(levels.archive, record, me);
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
 * reading, writing and archiving each. */
export function mayGrant(role: { rank: number; permissions: readonly string[]; access: AccessMatrix }, claims: Claims | null): boolean {
  if (!claims) return false;
  const held = new Set(claims.perms);
  return (
    role.rank < claims.rank &&
    grantsOf(role.permissions).every((p) => held.has(p)) &&
    exceeding(role.access, parseAccess(claims.acc)).length === 0
  );
}

/** Whether `claims` may change or revoke an API key: only one whose role ranks below their
 * own, so a key never manages itself or one as strong as it (domain/access/api_keys.py).
 * Creating one follows `mayGrant` for its role. */
export function mayManageKey(key: { role: { rank: number } }, claims: Pick<Claims, "rank"> | null): boolean {
  return claims !== null && key.role.rank < claims.rank;
}

/** The action whose level bounds `action`'s: read bounds write, write bounds archive. */
function boundOf(action: AccessAction): AccessAction | null {
  const index = ACTIONS.indexOf(action);
  return index > 0 ? ACTIONS[index - 1]! : null;
}

/** The levels offered for one cell of the role editor: none up to the editor's own level
 * for that kind and action; for writing, also no wider than the `chosen` read level, for
 * archiving no wider than the chosen write level (not given: not bounded). */
export function offeredLevels(
  limit: AccessMatrix,
  kind: RecordKind,
  action: AccessAction,
  chosen: Partial<Record<AccessAction, AccessLevel>> = {},
): AccessLevel[] {
  const bound = boundOf(action);
  const above = bound ? chosen[bound] : undefined;
  const widest = Math.min(breadth(limit[kind][action]), above === undefined ? breadth("all") : breadth(above));
  return ACCESS_LEVELS.filter((level) => breadth(level) <= widest);
}

/**
 * The matrix with one level chosen. Lowering read lowers write, and lowering write lowers
 * archive, to that level; raising read leaves write alone. Archive follows write up while
 * it equals write (the API's default: as far as write), never further than `limit`'s
 * archive level; once chosen narrower, it stays.
 */
export function withLevel(
  access: AccessMatrix,
  kind: RecordKind,
  action: AccessAction,
  level: AccessLevel,
  limit?: AccessMatrix,
): AccessMatrix {
  const before = access[kind];
  const entry = { ...before, [action]: level };
  // Archive that went with write goes along when write widens, up to the editor's own.
  if (action !== "archive" && before.archive === before.write && breadth(entry.write) > breadth(before.write)) {
    entry.archive = wider(before.archive, narrower(entry.write, limit?.[kind].archive ?? entry.write));
  }
  // Lowering read lowers write; lowering write, by hand or with read, lowers archive.
  entry.write = narrower(entry.write, entry.read);
  entry.archive = narrower(entry.archive, entry.write);
  return { ...access, [kind]: entry };
}

function narrower(a: AccessLevel, b: AccessLevel): AccessLevel {
  return breadth(a) <= breadth(b) ? a : b;
}

function wider(a: AccessLevel, b: AccessLevel): AccessLevel {
  return breadth(a) >= breadth(b) ? a : b;
}

export function sameAccess(a: AccessMatrix, b: AccessMatrix): boolean {
  return RECORD_KINDS.every((kind) => ACTIONS.every((action) => a[kind][action] === b[kind][action]));
}

/** A copy holding only the six kinds (a role read from the API may carry more later); a
 * kind without an archive level archives as far as it writes, as the API's default is. */
export function copyAccess(access: AccessMatrix): AccessMatrix {
  return Object.fromEntries(
    RECORD_KINDS.map((kind) => {
      const entry: Partial<AccessMatrix[RecordKind]> = access[kind] ?? {};
      const write = entry.write ?? "none";
      return [kind, { read: entry.read ?? "none", write, archive: entry.archive ?? write }];
    }),
  ) as AccessMatrix;
}

export interface AccessGroup {
  kinds: RecordKind[];
  read: AccessLevel;
  write: AccessLevel;
  archive: AccessLevel;
}

/** The kinds grouped by equal levels, in kind order, for a compact summary; kinds with no
 * access are left out. */
export function accessGroups(access: AccessMatrix): AccessGroup[] {
  const groups: AccessGroup[] = [];
  for (const kind of RECORD_KINDS) {
    const { read, write, archive } = copyAccess(access)[kind];
    if (read === "none" && write === "none" && archive === "none") continue;
    const group = groups.find((g) => g.read === read && g.write === write && g.archive === archive);
    if (group) group.kinds.push(kind);
    else groups.push({ kinds: [kind], read, write, archive });
  }
  return groups;
}
