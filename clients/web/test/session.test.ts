import { describe, expect, test, vi } from "vitest";

import { crossTabFetch, decodeClaims, loadTokens, saveTokens, STORAGE_KEY } from "../src/session";
import { fakeToken } from "./helpers";

describe("session", () => {
  test("reads the claims of an access token", () => {
    const claims = decodeClaims(fakeToken(["contacts:read"], { rank: 30, scope: "own" }));
    expect(claims).toMatchObject({ sub: "u-me", rank: 30, scope: "own", perms: ["contacts:read"] });
    expect(decodeClaims("not a token")).toBeNull();
    expect(decodeClaims(undefined)).toBeNull();
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
