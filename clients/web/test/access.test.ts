import { describe, expect, test } from "vitest";

import { accessGroups, grantsOf, mayAct, mayGrant, mayManageKey, offeredLevels, reaches, responsibleFor, withLevel } from "../src/access";
import { type AccessMatrix, type Claims, parseAccess, RECORD_KINDS } from "../src/session";
import { acc } from "./helpers";

/** A Senior manager's claims: rank 50, directory read all, written and archived team; the
 * rest team throughout. */
const SENIOR: Claims = {
  sub: "u-me",
  role: "r",
  rank: 50,
  perms: ["contacts:read", "contacts:write", "deals:read", "deals:write", "users:read", "users:manage", "reports:read"],
  acc: acc("ttt", { contacts: "att", companies: "att" }),
  team: "t-north",
  exp: 0,
};

const role = (access: string, permissions: string[] = [], rank = 30) => ({ rank, permissions, access: parseAccess(access) });

describe("granting a role", () => {
  test("compares rank, then the permissions beyond records, then every level", () => {
    const manager = role(acc("ooo", { contacts: "aoo", companies: "aoo" }), ["contacts:read", "contacts:write", "users:read"]);
    expect(mayGrant(manager, SENIOR)).toBe(true);
    // The rank must be below one's own.
    expect(mayGrant({ ...manager, rank: 50 }, SENIOR)).toBe(false);
    expect(mayGrant({ ...manager, rank: 49 }, SENIOR)).toBe(true);
    // A permission beyond records the editor lacks.
    expect(mayGrant({ ...manager, permissions: [...manager.permissions, "data:export"] }, SENIOR)).toBe(false);
    // Record permissions follow from the levels: the matrix decides them, not the list.
    expect(mayGrant({ ...manager, permissions: ["tasks:write", "requests:read"] }, SENIOR)).toBe(true);
    expect(mayGrant(manager, null)).toBe(false);
  });

  test("one level wider than the editor's, for any kind and any action, is refused", () => {
    const limit = parseAccess(SENIOR.acc);
    for (const kind of RECORD_KINDS) {
      for (const action of ["read", "write", "archive"] as const) {
        const own = limit[kind][action];
        const wider = own === "team" ? "all" : null;
        if (!wider) continue;
        const access: AccessMatrix = structuredClone(limit);
        access[kind][action] = wider;
        if (action !== "read") access[kind].read = wider;
        if (action === "archive") access[kind].write = wider;
        expect(mayGrant({ rank: 30, permissions: [], access }, SENIOR), `${kind} ${action}`).toBe(false);
      }
    }
    // Exactly the editor's own levels are within reach.
    expect(mayGrant({ rank: 30, permissions: [], access: limit }, SENIOR)).toBe(true);
    // Writing contacts at all: wider than team, refused though reading all is allowed.
    expect(mayGrant(role(acc("nnn", { contacts: "aaa" })), SENIOR)).toBe(false);
    expect(mayGrant(role(acc("nnn", { contacts: "att" })), SENIOR)).toBe(true);
  });

  test("archiving further than the editor archives is refused, though they write that far", () => {
    // Reads contacts all, writes them team, archives only their own.
    const editor: Claims = { ...SENIOR, acc: acc("ttt", { contacts: "ato" }) };
    expect(mayGrant(role(acc("nnn", { contacts: "att" })), editor)).toBe(false);
    expect(mayGrant(role(acc("nnn", { contacts: "ato" })), editor)).toBe(true);
    expect(mayGrant(role(acc("nnn", { contacts: "atn" })), editor)).toBe(true);
    // An editor's token from before archive levels archives as far as it writes.
    expect(mayGrant(role(acc("nnn", { contacts: "att" })), { ...SENIOR, acc: acc("tt", { contacts: "at" }) })).toBe(true);
  });

  test("only the permissions beyond records are checkboxes", () => {
    expect(grantsOf(["contacts:read", "deals:write", "reports:read", "users:manage", "requests:write"])).toEqual(["reports:read", "users:manage"]);
  });
});

describe("the role editor's grid", () => {
  const limit = parseAccess(SENIOR.acc);

  test("offers levels up to the editor's own for that kind and action", () => {
    expect(offeredLevels(limit, "contacts", "read")).toEqual(["none", "own", "team", "all"]);
    expect(offeredLevels(limit, "contacts", "write", { read: "all" })).toEqual(["none", "own", "team"]);
    expect(offeredLevels(limit, "contacts", "archive", { write: "team" })).toEqual(["none", "own", "team"]);
    expect(offeredLevels(limit, "deals", "read")).toEqual(["none", "own", "team"]);
    const storekeeper = parseAccess(acc("nnn", { contacts: "ann", companies: "ann" }));
    expect(offeredLevels(storekeeper, "contacts", "write", { read: "all" })).toEqual(["none"]);
    expect(offeredLevels(storekeeper, "contacts", "archive", { write: "all" })).toEqual(["none"]);
    expect(offeredLevels(storekeeper, "deals", "read")).toEqual(["none"]);
  });

  test("write is offered no wider than the chosen read", () => {
    expect(offeredLevels(limit, "contacts", "write", { read: "own" })).toEqual(["none", "own"]);
    expect(offeredLevels(limit, "contacts", "write", { read: "none" })).toEqual(["none"]);
    expect(offeredLevels(limit, "deals", "write", { read: "team" })).toEqual(["none", "own", "team"]);
  });

  test("the archive column offers no wider than the chosen write, nor than the editor's own archive level", () => {
    // Bounded by the chosen write level; reading further changes nothing.
    expect(offeredLevels(limit, "contacts", "archive", { read: "all", write: "own" })).toEqual(["none", "own"]);
    expect(offeredLevels(limit, "contacts", "archive", { read: "all", write: "none" })).toEqual(["none"]);
    expect(offeredLevels(limit, "deals", "archive", { read: "team", write: "team" })).toEqual(["none", "own", "team"]);
    // An editor who writes contacts everywhere but archives only their own offers own at most.
    const archivist = parseAccess(acc("ttt", { contacts: "aao" }));
    expect(offeredLevels(archivist, "contacts", "write", { read: "all" })).toEqual(["none", "own", "team", "all"]);
    expect(offeredLevels(archivist, "contacts", "archive", { read: "all", write: "all" })).toEqual(["none", "own"]);
    expect(offeredLevels(archivist, "contacts", "archive", { read: "all", write: "none" })).toEqual(["none"]);
  });

  test("lowering read lowers write and archive; raising read leaves them alone", () => {
    let access = parseAccess(acc("ttt"));
    access = withLevel(access, "deals", "read", "own");
    expect(access.deals).toEqual({ read: "own", write: "own", archive: "own" });
    access = withLevel(access, "deals", "read", "all");
    expect(access.deals).toEqual({ read: "all", write: "own", archive: "own" });
    access = withLevel(access, "deals", "write", "none");
    access = withLevel(access, "deals", "read", "team");
    expect(access.deals).toEqual({ read: "team", write: "none", archive: "none" });
    // Other kinds are untouched.
    expect(access.contacts).toEqual({ read: "team", write: "team", archive: "team" });
  });

  test("lowering write lowers archive with it; choosing archive leaves write alone", () => {
    let access = parseAccess(acc("aaa"));
    access = withLevel(access, "contacts", "write", "team");
    expect(access.contacts).toEqual({ read: "all", write: "team", archive: "team" });
    access = withLevel(access, "contacts", "archive", "own");
    expect(access.contacts).toEqual({ read: "all", write: "team", archive: "own" });
    // Write lowered to archive's level leaves archive; lowered below it, takes it down.
    access = withLevel(access, "contacts", "write", "own");
    expect(access.contacts).toEqual({ read: "all", write: "own", archive: "own" });
    access = withLevel(access, "contacts", "write", "none");
    expect(access.contacts).toEqual({ read: "all", write: "none", archive: "none" });
    access = withLevel(access, "companies", "archive", "none");
    expect(access.companies).toEqual({ read: "all", write: "all", archive: "none" });
  });

  test("archive goes up with write while it is as wide, within the editor's own archive level", () => {
    // A new role: nothing yet. Writing own, archiving follows.
    let access = parseAccess(acc("nnn"));
    access = withLevel(access, "contacts", "read", "all", limit);
    expect(access.contacts).toEqual({ read: "all", write: "none", archive: "none" });
    access = withLevel(access, "contacts", "write", "own", limit);
    expect(access.contacts).toEqual({ read: "all", write: "own", archive: "own" });
    access = withLevel(access, "contacts", "write", "team", limit);
    expect(access.contacts).toEqual({ read: "all", write: "team", archive: "team" });
    // Once chosen narrower, archive stays where it was put when write widens.
    const owner = parseAccess(acc("aaa"));
    access = withLevel(access, "contacts", "archive", "own", owner);
    access = withLevel(access, "contacts", "write", "all", owner);
    expect(access.contacts).toEqual({ read: "all", write: "all", archive: "own" });
    // An editor archiving only their own: archive follows no further.
    const archivist = parseAccess(acc("ttt", { contacts: "aao" }));
    access = withLevel(parseAccess(acc("nnn", { contacts: "ann" })), "contacts", "write", "all", archivist);
    expect(access.contacts).toEqual({ read: "all", write: "all", archive: "own" });
  });

  test("the summary groups kinds with the same levels and leaves out those without access", () => {
    expect(accessGroups(parseAccess(acc("ooo", { contacts: "aoo", companies: "aoo" })))).toEqual([
      { kinds: ["contacts", "companies"], read: "all", write: "own", archive: "own" },
      { kinds: ["deals", "interactions", "tasks", "requests"], read: "own", write: "own", archive: "own" },
    ]);
    expect(accessGroups(parseAccess(acc("nnn", { companies: "ann" })))).toEqual([{ kinds: ["companies"], read: "all", write: "none", archive: "none" }]);
    expect(accessGroups(parseAccess(acc("nnn")))).toEqual([]);
    // Kinds alike but for archiving are apart.
    expect(accessGroups(parseAccess(acc("nnn", { contacts: "ato", companies: "att" })))).toEqual([
      { kinds: ["contacts"], read: "all", write: "team", archive: "own" },
      { kinds: ["companies"], read: "all", write: "team", archive: "team" },
    ]);
  });
});

describe("whether a write level reaches a record", () => {
  const me = { sub: "u-me", team: "t-north" };
  const mine = { owner_id: "u-me", team_id: "t-south" };
  const teammates = { owner_id: "u-ann", team_id: "t-north" };
  const others = { owner_id: "u-bob", team_id: "t-south" };
  const teamless = { owner_id: "u-bob", team_id: null };

  test("own: records I own; team: my team's or mine; all: every one; none: nothing", () => {
    expect([mine, teammates, others, teamless].map((r) => reaches("own", r, me))).toEqual([true, false, false, false]);
    expect([mine, teammates, others, teamless].map((r) => reaches("team", r, me))).toEqual([true, true, false, false]);
    expect([mine, teammates, others, teamless].map((r) => reaches("all", r, me))).toEqual([true, true, true, true]);
    expect([mine, teammates, others, teamless].map((r) => reaches("none", r, me))).toEqual([false, false, false, false]);
  });

  test("without a team, team reaches only my own; signed out, nothing", () => {
    expect(reaches("team", teamless, { sub: "u-me", team: null })).toBe(false);
    expect(reaches("team", { owner_id: "u-x", team_id: null }, { sub: "u-me", team: null })).toBe(false);
    expect(reaches("team", mine, { sub: "u-me", team: null })).toBe(true);
    expect(reaches("all", mine, null)).toBe(false);
  });

  test("whoever is responsible counts as the owner: a task's or request's assignee, an interaction's participants", () => {
    expect(responsibleFor("tasks", { ...others, assignee_id: "u-me" })).toEqual(["u-me"]);
    expect(responsibleFor("requests", { ...others, assignee_id: null })).toEqual([]);
    expect(responsibleFor("interactions", { ...others, user_ids: ["u-bob", "u-me"] })).toEqual(["u-bob", "u-me"]);
    // A deal's or a contact's has nobody but its owner.
    expect(responsibleFor("deals", { ...others, assignee_id: "u-me", user_ids: ["u-me"] })).toEqual([]);
    expect(responsibleFor("contacts", { ...others, user_ids: ["u-me"] })).toEqual([]);
    expect(reaches("own", others, me, ["u-me"])).toBe(true);
    expect(reaches("team", others, me, ["u-me"])).toBe(true);
    expect(reaches("own", others, me, ["u-ann"])).toBe(false);
    expect(reaches("none", others, me, ["u-me"])).toBe(false);
  });
});

describe("whether the archive level reaches a record", () => {
  const me = { sub: "u-me", team: "t-north" };
  const mine = { owner_id: "u-me", team_id: "t-south" };
  const teammates = { owner_id: "u-ann", team_id: "t-north" };
  const others = { owner_id: "u-bob", team_id: "t-south" };

  test("as far as the archive level goes, which may be less far than writing", () => {
    const access = parseAccess(acc("ooo", { contacts: "ato", companies: "aan" }));
    expect([mine, teammates, others].map((r) => mayAct(access, "contacts", "write", r, me))).toEqual([true, true, false]);
    expect([mine, teammates, others].map((r) => mayAct(access, "contacts", "archive", r, me))).toEqual([true, false, false]);
    expect([mine, teammates, others].map((r) => mayAct(access, "companies", "write", r, me))).toEqual([true, true, true]);
    expect([mine, teammates, others].map((r) => mayAct(access, "companies", "archive", r, me))).toEqual([false, false, false]);
    expect(mayAct(access, "contacts", "archive", mine, null)).toBe(false);
  });

  test("being responsible counts for reading and writing, not for archiving; archiving needs write too", () => {
    const access = parseAccess(acc("ooo"));
    const assigned = { ...others, assignee_id: "u-me" };
    expect(mayAct(access, "tasks", "read", assigned, me)).toBe(true);
    expect(mayAct(access, "tasks", "write", assigned, me)).toBe(true);
    expect(mayAct(access, "tasks", "archive", assigned, me)).toBe(false);
    // A claim saying archive wider than write (the API never issues one) reaches no further.
    const odd = parseAccess(acc("ooo", { contacts: "aoa" }));
    expect(mayAct(odd, "contacts", "archive", teammates, me)).toBe(false);
  });

  test("an API key is changed or revoked only by someone its role ranks below", () => {
    expect(mayManageKey({ role: { rank: 30 } }, SENIOR)).toBe(true);
    expect(mayManageKey({ role: { rank: 50 } }, SENIOR)).toBe(false);
    expect(mayManageKey({ role: { rank: 90 } }, SENIOR)).toBe(false);
    expect(mayManageKey({ role: { rank: 10 } }, null)).toBe(false);
  });
});
