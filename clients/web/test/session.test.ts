import { describe, expect, test, vi } from "vitest";

import { crossTabFetch, decodeClaims, loadTokens, noAccess, parseAccess, saveTokens, STORAGE_KEY } from "../src/session";
import { fakeToken } from "./helpers";

const MANAGER = "contacts:aoo,companies:aoo,deals:ooo,interactions:ooo,tasks:ooo,requests:ooo";

describe("session", () => {
  test("reads the claims of an access token, access levels in `acc`", () => {
    const claims = decodeClaims(fakeToken(["contacts:read"], { rank: 30, acc: MANAGER }));
    expect(claims).toMatchObject({ sub: "u-me", rank: 30, acc: MANAGER, perms: ["contacts:read"] });
    expect(decodeClaims("not a token")).toBeNull();
    expect(decodeClaims(undefined)).toBeNull();
  });

  test("the access claim becomes a read, a write and an archive level per kind of record", () => {
    expect(parseAccess(MANAGER)).toEqual({
      contacts: { read: "all", write: "own", archive: "own" },
      companies: { read: "all", write: "own", archive: "own" },
      deals: { read: "own", write: "own", archive: "own" },
      interactions: { read: "own", write: "own", archive: "own" },
      tasks: { read: "own", write: "own", archive: "own" },
      requests: { read: "own", write: "own", archive: "own" },
    });
    // Every letter in every place: n, o, t, a; archive may reach less far than write.
    expect(parseAccess("contacts:aan,companies:tto,deals:ooo,interactions:nnn,tasks:aat,requests:tto")).toEqual({
      contacts: { read: "all", write: "all", archive: "none" },
      companies: { read: "team", write: "team", archive: "own" },
      deals: { read: "own", write: "own", archive: "own" },
      interactions: { read: "none", write: "none", archive: "none" },
      tasks: { read: "all", write: "all", archive: "team" },
      requests: { read: "team", write: "team", archive: "own" },
    });
  });

  test("a token issued before archive levels, two letters per kind, archives as far as it writes", () => {
    expect(parseAccess("contacts:ao,companies:at,deals:on,interactions:nn,tasks:ta,requests:aa")).toEqual({
      contacts: { read: "all", write: "own", archive: "own" },
      companies: { read: "all", write: "team", archive: "team" },
      deals: { read: "own", write: "none", archive: "none" },
      interactions: { read: "none", write: "none", archive: "none" },
      tasks: { read: "team", write: "all", archive: "all" },
      requests: { read: "all", write: "all", archive: "all" },
    });
    // The two forms may even meet in one claim; each kind is read by its own length.
    expect(parseAccess("contacts:aa,companies:aan")).toEqual({
      ...noAccess(),
      contacts: { read: "all", write: "all", archive: "all" },
      companies: { read: "all", write: "all", archive: "none" },
    });
  });

  test("a kind the claim leaves out or spells wrongly reads as no access; no claim, none at all", () => {
    expect(parseAccess("contacts:aaa")).toEqual({ ...noAccess(), contacts: { read: "all", write: "all", archive: "all" } });
    expect(parseAccess("contacts:aax,companies:a,deals:aaaa,widgets:aaa,tasks:ttt:x,interactions:ax, requests:ooo")).toEqual({
      ...noAccess(),
      requests: { read: "own", write: "own", archive: "own" },
    });
    expect(parseAccess(undefined)).toEqual(noAccess());
    expect(parseAccess("")).toEqual(noAccess());
    expect(Object.values(noAccess()).every((e) => e.read === "none" && e.write === "none" && e.archive === "none")).toBe(true);
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
