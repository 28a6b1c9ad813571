import { describe, expect, test } from "vitest";

import { accessGroups, grantsOf, mayGrant, offeredLevels, reaches, responsibleFor, withLevel } from "../src/access";
import { type AccessMatrix, type Claims, parseAccess, RECORD_KINDS } from "../src/session";
import { acc } from "./helpers";

/** A Senior manager's claims: rank 50, directory all/team, the rest team/team. */
const SENIOR: Claims = {
  sub: "u-me",
  role: "r",
  rank: 50,
  perms: ["contacts:read", "contacts:write", "deals:read", "deals:write", "users:read", "users:manage", "reports:read"],
  acc: acc("tt", { contacts: "at", companies: "at" }),
  team: "t-north",
  exp: 0,
};

const role = (access: string, permissions: string[] = [], rank = 30) => ({ rank, permissions, access: parseAccess(access) });

describe("granting a role", () => {
  test("compares rank, then the permissions beyond records, then every level", () => {
    const manager = role(acc("oo", { contacts: "ao", companies: "ao" }), ["contacts:read", "contacts:write", "users:read"]);
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

  test("one level wider than the editor's, for any kind and either action, is refused", () => {
    const limit = parseAccess(SENIOR.acc);
    for (const kind of RECORD_KINDS) {
      for (const action of ["read", "write"] as const) {
        const own = limit[kind][action];
        const wider = own === "team" ? "all" : null;
        if (!wider) continue;
        const access: AccessMatrix = structuredClone(limit);
        access[kind][action] = wider;
        if (action === "write") access[kind].read = wider;
        expect(mayGrant({ rank: 30, permissions: [], access }, SENIOR), `${kind} ${action}`).toBe(false);
      }
    }
    // Exactly the editor's own levels are within reach.
    expect(mayGrant({ rank: 30, permissions: [], access: limit }, SENIOR)).toBe(true);
    // Writing contacts at all: wider than team, refused though reading all is allowed.
    expect(mayGrant(role(acc("nn", { contacts: "aa" })), SENIOR)).toBe(false);
    expect(mayGrant(role(acc("nn", { contacts: "at" })), SENIOR)).toBe(true);
  });

  test("only the permissions beyond records are checkboxes", () => {
    expect(grantsOf(["contacts:read", "deals:write", "reports:read", "users:manage", "requests:write"])).toEqual(["reports:read", "users:manage"]);
  });
});

describe("the role editor's grid", () => {
  const limit = parseAccess(SENIOR.acc);

  test("offers levels up to the editor's own for that kind and action", () => {
    expect(offeredLevels(limit, "contacts", "read")).toEqual(["none", "own", "team", "all"]);
    expect(offeredLevels(limit, "contacts", "write", "all")).toEqual(["none", "own", "team"]);
    expect(offeredLevels(limit, "deals", "read")).toEqual(["none", "own", "team"]);
    const storekeeper = parseAccess(acc("nn", { contacts: "an", companies: "an" }));
    expect(offeredLevels(storekeeper, "contacts", "write", "all")).toEqual(["none"]);
    expect(offeredLevels(storekeeper, "deals", "read")).toEqual(["none"]);
  });

  test("write is offered no wider than the chosen read", () => {
    expect(offeredLevels(limit, "contacts", "write", "own")).toEqual(["none", "own"]);
    expect(offeredLevels(limit, "contacts", "write", "none")).toEqual(["none"]);
    expect(offeredLevels(limit, "deals", "write", "team")).toEqual(["none", "own", "team"]);
  });

  test("lowering read lowers write; raising read leaves write alone", () => {
    let access = parseAccess(acc("tt"));
    access = withLevel(access, "deals", "read", "own");
    expect(access.deals).toEqual({ read: "own", write: "own" });
    access = withLevel(access, "deals", "read", "all");
    expect(access.deals).toEqual({ read: "all", write: "own" });
    access = withLevel(access, "deals", "write", "none");
    access = withLevel(access, "deals", "read", "team");
    expect(access.deals).toEqual({ read: "team", write: "none" });
    // Other kinds are untouched.
    expect(access.contacts).toEqual({ read: "team", write: "team" });
  });

  test("the summary groups kinds with the same levels and leaves out those without access", () => {
    expect(accessGroups(parseAccess(acc("oo", { contacts: "ao", companies: "ao" })))).toEqual([
      { kinds: ["contacts", "companies"], read: "all", write: "own" },
      { kinds: ["deals", "interactions", "tasks", "requests"], read: "own", write: "own" },
    ]);
    expect(accessGroups(parseAccess(acc("nn", { companies: "an" })))).toEqual([{ kinds: ["companies"], read: "all", write: "none" }]);
    expect(accessGroups(parseAccess(acc("nn")))).toEqual([]);
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
