import { describe, expect, test } from "vitest";

import { decodeClaims, loadTokens, saveTokens, STORAGE_KEY } from "../src/session";
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
