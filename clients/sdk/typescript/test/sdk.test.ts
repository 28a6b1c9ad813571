// The SDK against a live API: sign-in, contacts, cursor paging, typed problems, and the
// session's token refresh (before expiry, after a 401, one at a time) and sign-out.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import {
  AuthError,
  authMe,
  authRefresh,
  type ContactRead,
  contactsCreate,
  contactsGet,
  contactsList,
  createClient,
  createConfig,
  CrmSession,
  type TokenPair,
} from "../src/index.js";
import { type LiveApi, startApi } from "./server.js";

let api: LiveApi;

/** A fetch that counts calls to /auth/refresh. */
function countingFetch(): { fetch: typeof fetch; refreshes: () => number } {
  let refreshes = 0;
  return {
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith("/api/v1/auth/refresh")) refreshes += 1;
      return fetch(input, init);
    },
    refreshes: () => refreshes,
  };
}

async function signedIn(options: Partial<ConstructorParameters<typeof CrmSession>[0]> = {}) {
  const session = new CrmSession({ baseUrl: api.baseUrl, ...options });
  await session.signIn(api.email, api.password);
  return session;
}

before(async () => {
  api = await startApi();
});

after(async () => {
  await api?.stop();
});

describe("generated client", () => {
  test("signs in and tells who is signed in", async () => {
    const session = await signedIn();
    const { data, error } = await authMe({ client: session.client });
    assert.equal(error, undefined);
    assert.equal(data?.email, api.email);
    assert.ok(session.tokens?.accessToken);
  });

  test("creates a contact and lists it back", async () => {
    const session = await signedIn();
    const created = await contactsCreate({
      client: session.client,
      body: { first_name: "Maria", last_name: "Lopez", emails: [{ email: "maria@acme.example" }] },
    });
    assert.equal(created.response?.status, 201);
    const contact = created.data as ContactRead;
    assert.equal(contact.last_name, "Lopez");

    const listed = await contactsList({ client: session.client, query: { q: "Lopez" } });
    assert.deepEqual(
      listed.data?.items.map((c) => c.id),
      [contact.id],
    );
  });

  test("pages through a list by cursor", async () => {
    const session = await signedIn();
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { data } = await contactsCreate({
        client: session.client,
        body: { first_name: `Pager ${i}`, tags: ["paging-ts"] },
      });
      made.add(data!.id);
    }
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const { data } = await contactsList({
        client: session.client,
        query: { tag: ["paging-ts"], limit: 2, cursor, sort: "created_at" },
      });
      assert.ok(data);
      assert.ok(data.items.length <= 2);
      seen.push(...data.items.map((c) => c.id));
      cursor = data.next_cursor;
      pages += 1;
    } while (cursor);
    assert.equal(pages, 3);
    assert.deepEqual(new Set(seen), made);
    assert.equal(seen.length, 5);
  });

  test("answers errors as typed problem details", async () => {
    const session = await signedIn();
    const { data, error, response } = await contactsGet({
      client: session.client,
      path: { contact_id: "00000000-0000-4000-8000-000000000000" },
    });
    assert.equal(data, undefined);
    assert.equal(response?.status, 404);
    assert.equal(error?.status, 404);
    assert.match(response?.headers.get("content-type") ?? "", /application\/problem\+json/);
  });

  test("a client without a session is refused with 401", async () => {
    const anonymous = createClient(createConfig({ baseUrl: api.baseUrl }));
    const { error, response } = await contactsList({ client: anonymous });
    assert.equal(response?.status, 401);
    assert.equal(error?.status, 401);
  });
});

describe("session", () => {
  test("a wrong password is an AuthError with the problem", async () => {
    const session = new CrmSession({ baseUrl: api.baseUrl });
    await assert.rejects(session.signIn(api.email, "not the password at all"), (error) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.status, 401);
      assert.equal(error.problem?.status, 401);
      return true;
    });
    assert.equal(session.signedIn, false);
  });

  test("refreshes shortly before the access token expires, rotating the pair", async () => {
    let clock = Date.now();
    const counter = countingFetch();
    const saved: Array<TokenPair | null> = [];
    const session = await signedIn({
      fetch: counter.fetch,
      now: () => clock,
      onTokens: (tokens) => void saved.push(tokens),
    });
    const first = session.tokens!;
    clock = first.expiresAt - 10_000; // inside the 30 s margin
    const { data } = await contactsList({ client: session.client, query: { limit: 1 } });
    assert.ok(data);
    assert.equal(counter.refreshes(), 1);
    const second = session.tokens!;
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.equal(saved.length, 2);
    assert.deepEqual(saved[1], second);
    // Still fresh: no further refresh.
    await contactsList({ client: session.client, query: { limit: 1 } });
    assert.equal(counter.refreshes(), 1);
  });

  test("a 401 refreshes once and retries the request, body included", async () => {
    const real = await signedIn();
    const counter = countingFetch();
    const session = new CrmSession({
      baseUrl: api.baseUrl,
      fetch: counter.fetch,
      // A saved pair whose access token the server no longer accepts.
      tokens: { ...real.tokens!, accessToken: "not-a-valid-jwt" },
    });
    const { data, response } = await contactsCreate({
      client: session.client,
      body: { first_name: "Retried", last_name: "After401" },
    });
    assert.equal(response?.status, 201);
    assert.equal(data?.last_name, "After401");
    assert.equal(counter.refreshes(), 1);
  });

  test("a 503 concurrent-write is sent again once, body included; other 503s are not", async () => {
    const session = await signedIn();
    for (const [type, expected, calls] of [
      ["https://crm.example/problems/concurrent-write", 201, 2],
      ["https://crm.example/problems/503", 503, 1],
    ] as const) {
      let creates = 0;
      const broken = new CrmSession({
        baseUrl: api.baseUrl,
        tokens: session.tokens,
        // The first create answers as a request the database broke off would.
        fetch: (input, init) => {
          const request = new Request(input, init);
          if (request.method === "POST" && request.url.endsWith("/api/v1/contacts")) {
            creates += 1;
            if (creates === 1) {
              const problem = { type, title: "Concurrent write", status: 503, detail: "x", errors: [] };
              return Promise.resolve(
                new Response(JSON.stringify(problem), {
                  status: 503,
                  headers: { "Content-Type": "application/problem+json", "Retry-After": "0" },
                }),
              );
            }
          }
          return fetch(request);
        },
      });
      const { data, response } = await contactsCreate({
        client: broken.client,
        body: { first_name: "Sent", last_name: `Again ${type.length}` },
      });
      assert.equal(response?.status, expected);
      assert.equal(creates, calls);
      if (expected === 201) assert.equal(data?.first_name, "Sent");
    }
  });

  test("concurrent requests share one refresh", async () => {
    let clock = Date.now();
    const counter = countingFetch();
    const session = await signedIn({ fetch: counter.fetch, now: () => clock });
    clock = session.tokens!.expiresAt + 1;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => contactsList({ client: session.client, query: { limit: 1 } })),
    );
    for (const { response } of results) assert.equal(response?.status, 200);
    // Two refreshes with the same token would have revoked the sign-in.
    assert.equal(counter.refreshes(), 1);
    const { response } = await authMe({ client: session.client });
    assert.equal(response?.status, 200);
  });

  test("a reused refresh token ends the session", async () => {
    const session = await signedIn();
    const stale = session.tokens!.refreshToken;
    await session.refresh();
    const reuse = await authRefresh({
      client: createClient(createConfig({ baseUrl: api.baseUrl })),
      body: { refresh_token: stale },
    });
    assert.equal(reuse.response?.status, 401);
    // The whole family is revoked: the session's own refresh token is refused too.
    await assert.rejects(session.refresh(), AuthError);
    assert.equal(session.tokens, null);
    assert.equal(await session.accessToken(), undefined);
  });

  test("signs out: tokens forgotten and revoked on the server", async () => {
    const saved: Array<TokenPair | null> = [];
    const session = await signedIn({ onTokens: (tokens) => void saved.push(tokens) });
    const refreshToken = session.tokens!.refreshToken;
    await session.signOut();
    assert.equal(session.tokens, null);
    assert.equal(saved.at(-1), null);
    const { response } = await authRefresh({
      client: createClient(createConfig({ baseUrl: api.baseUrl })),
      body: { refresh_token: refreshToken },
    });
    assert.equal(response?.status, 401);
    const me = await authMe({ client: session.client });
    assert.equal(me.response?.status, 401);
  });
});

describe("README example", () => {
  test("examples/quickstart.ts runs against the API", async () => {
    const script = fileURLToPath(new URL("../examples/quickstart.js", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script], {
      env: { ...process.env, CRM_URL: api.baseUrl, CRM_EMAIL: api.email, CRM_PASSWORD: api.password },
    });
    const id = /^created (\S+)$/m.exec(stdout)?.[1];
    assert.ok(id, stdout);
    assert.match(stdout, new RegExp(`^${id}  Maria Lopez$`, "m"));
  });
});
