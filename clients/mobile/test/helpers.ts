import { CrmSession } from "@crm/sdk";

import { FakeApi } from "./fakeApi";

export const BASE_URL = "http://api.test";

/** A session signed in to the fake API (tokens as if saved earlier). */
export function signedIn(api: FakeApi): CrmSession {
  return new CrmSession({
    baseUrl: BASE_URL,
    fetch: api.fetch as typeof fetch,
    tokens: { accessToken: api.accessToken, refreshToken: api.refreshToken, expiresAt: Date.now() + 900_000 },
  });
}
