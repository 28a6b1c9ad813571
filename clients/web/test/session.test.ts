import { describe, expect, test, vi } from "vitest";

import { crossTabFetch, decodeClaims, loadTokens, noAccess, parseAccess, saveTokens, STORAGE_KEY } from "../src/session";
import { fakeToken } from "./helpers";

const MANAGER = "contacts:ao,companies:ao,deals:oo,interactions:oo,tasks:oo,requests:oo";

describe("session", () => {
  test("reads the claims of an access token, access levels in `acc`", () => {
    const claims = decodeClaims(fakeToken(["contacts:read"], { rank: 30, acc: MANAGER }));
    expect(claims).toMatchObject({ sub: "u-me", rank: 30, acc: MANAGER, perms: ["contacts:read"] });
    expect(decodeClaims("not a token")).toBeNull();
    expect(decodeClaims(undefined)).toBeNull();
  });

  test("the access claim becomes a read and a write level per kind of record", () => {
    expect(parseAccess(MANAGER)).toEqual({
      contacts: { read: "all", write: "own" },
      companies: { read: "all", write: "own" },
      deals: { read: "own", write: "own" },
      interactions: { read: "own", write: "own" },
      tasks: { read: "own", write: "own" },
      requests: { read: "own", write: "own" },
    });
    // Every letter: n, o, t, a.
    expect(parseAccess("contacts:an,companies:tn,deals:on,interactions:nn,tasks:ta,requests:ot")).toMatchObject({
      contacts: { read: "all", write: "none" },
      companies: { read: "team", write: "none" },
      deals: { read: "own", write: "none" },
      interactions: { read: "none", write: "none" },
      tasks: { read: "team", write: "all" },
      requests: { read: "own", write: "team" },
    });
  });

  test("a kind the claim leaves out or spells wrongly reads as no access; no claim, none at all", () => {
    expect(parseAccess("contacts:aa")).toEqual({ ...noAccess(), contacts: { read: "all", write: "all" } });
    expect(parseAccess("contacts:ax,companies:a,deals:aaa,widgets:aa,tasks:tt:x, requests:oo")).toEqual({
      ...noAccess(),
      requests: { read: "own", write: "own" },
    });
    expect(parseAccess(undefined)).toEqual(noAccess());
    expect(parseAccess("")).toEqual(noAccess());
    expect(Object.values(noAccess()).every((e) => e.read === "none" && e.write === "none")).toBe(true);
    expect(Object.keys(noAccess())).toEqual(["contacts", "companies", "deals", "interactions", "tasks", "requests"]);
  });

  test("keeps the token pair across reloads, and forgets it on sign-out", () => {
    saveTokens(localStorage, { accessToken: "a", refreshToken: "r", expiresAt: 5 });
    expect(loadTokens(localStorage)).toEqual({ accessToken: "a", refreshToken: "r", expiresAt: 5 });
    saveTokens(localStorage, null);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    localStorage.setItem(STORAGE_KEY, "{broken");
    expect(loadTokens(localStorage)).toBeNull();
  });
});

describe("refresh across tabs", () => {
  const locks = { request: (_name: string, run: () => Promise<Response>) => run() };
  const refresh = (token: string) =>
    new Request("http://crm.test/api/v1/auth/refresh", { method: "POST", body: JSON.stringify({ refresh_token: token }) });

  test("a tab presenting a refresh token another tab already used gets the stored pair instead", async () => {
    vi.stubGlobal("navigator", { ...navigator, locks });
    saveTokens(localStorage, { accessToken: "a2", refreshToken: "r2", expiresAt: 1_000_000 + 900_000 });
    const base = vi.fn(async () => new Response("{}"));
    const guarded = crossTabFetch(base, localStorage, () => 1_000_000);
    const response = await guarded(refresh("r1"));
    expect(base).not.toHaveBeenCalled();
    expect(await response.json()).toEqual({ access_token: "a2", refresh_token: "r2", token_type: "bearer", expires_in: 900 });
  });

  test("the current refresh token, and every other request, go to the API", async () => {
    vi.stubGlobal("navigator", { ...navigator, locks });
    saveTokens(localStorage, { accessToken: "a2", refreshToken: "r2", expiresAt: 1_000_000 + 900_000 });
    const base = vi.fn(async () => new Response("{}"));
    const guarded = crossTabFetch(base, localStorage, () => 1_000_000);
    await guarded(refresh("r2"));
    await guarded(new Request("http://crm.test/api/v1/contacts"));
    expect(base).toHaveBeenCalledTimes(2);
  });
});
