// Rendering screens against a fake API: each test lists the answers it expects to give.
import { render, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router";

import { makeQueryClient, Providers } from "../src/App";
import type { Lang } from "../src/i18n";
import { STORAGE_KEY } from "../src/session";

export const BASE = "http://crm.test";

export interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type, ...headers } });
}

export interface FieldErrorFake {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export function problem(status: number, detail: string, errors: FieldErrorFake[] = []): Response {
  return json({ type: "about:blank", title: "Problem", status, detail, errors }, status);
}

/** A fetch answering `"GET /api/v1/contacts"`-style routes; records every call. */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // form bodies stay text
    }
    const call = { method: request.method, path: url.pathname, search: url.searchParams, headers: request.headers, body };
    calls.push(call);
    const handler = routes[`${request.method} ${url.pathname}`];
    if (!handler) return problem(404, `no fake for ${request.method} ${url.pathname}`);
    return handler(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

/** An `acc` claim: the same letters (read, write, archive: n/o/t/a) for every kind, then
 * `overrides` per kind (`{ deals: "ooo" }`). Two letters make the claim of a token issued
 * before archive levels existed. */
export function acc(letters: string, overrides: Record<string, string> = {}): string {
  return ["contacts", "companies", "deals", "interactions", "tasks", "requests"].map((kind) => `${kind}:${overrides[kind] ?? letters}`).join(",");
}

/** An unsigned JWT with the claims the app reads (the API would sign it); by default
 * team for reading, writing and archiving every kind of record. */
export function fakeToken(perms: string[], extra: Record<string, unknown> = {}): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const claims = { sub: "u-me", role: "r", rank: 50, perms, acc: acc("ttt"), exp: 4_000_000_000, ...extra };
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.signature`;
}

export const ALL_PERMS = [
  "contacts:read", "contacts:write", "companies:read", "companies:write", "interactions:read",
  "interactions:write", "tasks:read", "tasks:write", "requests:read", "requests:write",
  "deals:read", "deals:write", "reports:read", "users:read", "users:manage",
];

/** Signed in with `perms`; `claims` adds to or replaces the token's others (`team`, `acc`). */
export function signedIn(perms = ALL_PERMS, expiresAt = Date.now() + 600_000, claims: Record<string, unknown> = {}): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: fakeToken(perms, claims), refreshToken: "refresh-1", expiresAt }));
}

export interface RenderOptions {
  route?: string;
  path?: string;
  lang?: Lang;
  fetch: typeof globalThis.fetch;
  extraRoutes?: ReactNode;
}

export function renderScreen(screen: ReactNode, options: RenderOptions): RenderResult {
  return render(
    <MemoryRouter initialEntries={[options.route ?? "/"]}>
      <Providers fetch={options.fetch} baseUrl={BASE} lang={options.lang ?? "en"} queryClient={makeQueryClient()}>
        <Routes>
          <Route path={options.path ?? "/"} element={screen} />
          {options.path === "/login" ? null : <Route path="/login" element={<p>login page</p>} />}
          {options.extraRoutes}
        </Routes>
      </Providers>
    </MemoryRouter>,
  );
}
