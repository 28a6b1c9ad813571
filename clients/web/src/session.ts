// The signed-in session: the SDK's CrmSession (silent refresh, one refresh at a time, a
// retry after a 401) with its token pair kept in localStorage, so a reload stays signed in.
import { type Access, type AccessLevel, CrmSession, type TokenPair } from "@crm/sdk";

export const STORAGE_KEY = "crm.session";

/** What the access token says about its holder (see ARCHITECTURE.md, "Auth and roles"). */
export interface Claims {
  sub: string;
  role: string;
  rank: number;
  perms: string[];
  /** The role's access levels: `contacts:aoo,companies:aoo,...`, read, write, archive
   * (`parseAccess`). */
  acc: string;
  team?: string | null;
  exp: number;
}

/** A read, a write and an archive level for every kind of customer record (the API's
 * `Access`). Archive (archiving and restoring) never reaches further than write. */
export type AccessMatrix = Access;
export type RecordKind = keyof Access;
export type AccessAction = "read" | "write" | "archive";
export type { AccessLevel };

export const RECORD_KINDS: readonly RecordKind[] = ["contacts", "companies", "deals", "interactions", "tasks", "requests"];
export const ACCESS_LEVELS: readonly AccessLevel[] = ["none", "own", "team", "all"];
const BY_LETTER: Record<string, AccessLevel> = { n: "none", o: "own", t: "team", a: "all" };

/** Every kind at none for reading, writing and archiving: what a missing or unreadable
 * claim means. */
export function noAccess(): AccessMatrix {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, { read: "none", write: "none", archive: "none" }])) as AccessMatrix;
}

/**
 * The `acc` claim as a matrix: one `<kind>:<read><write><archive>` per kind, a letter each,
 * n/o/t/a for none/own/team/all. A token issued before archive levels existed has two
 * letters (read, write): its archive level is its write level, as the API's default is.
 * A kind the claim leaves out, or spells in a way this app does not know, reads as none
 * throughout (the API refuses such a token anyway).
 */
export function parseAccess(claim: string | null | undefined): AccessMatrix {
  const matrix = noAccess();
  for (const part of (claim ?? "").split(",")) {
    const [name, letters, ...rest] = part.trim().split(":");
    if (rest.length > 0 || !letters || (letters.length !== 2 && letters.length !== 3)) continue;
    if (!(RECORD_KINDS as readonly string[]).includes(name ?? "")) continue;
    const read = BY_LETTER[letters[0]!];
    const write = BY_LETTER[letters[1]!];
    const archive = letters.length === 3 ? BY_LETTER[letters[2]!] : write;
    if (read && write && archive) matrix[name as RecordKind] = { read, write, archive };
  }
  return matrix;
}

export function decodeClaims(token: string | undefined | null): Claims | null {
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
  } catch {
    return null;
  }
}

export function loadTokens(storage: Storage | undefined): TokenPair | null {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<TokenPair>;
    if (typeof parsed.accessToken !== "string" || typeof parsed.refreshToken !== "string") {
      return null;
    }
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, expiresAt: Number(parsed.expiresAt) };
  } catch {
    return null;
  }
}

export function saveTokens(storage: Storage | undefined, tokens: TokenPair | null): void {
  if (!storage) return;
  if (tokens === null) storage.removeItem(STORAGE_KEY);
  else storage.setItem(STORAGE_KEY, JSON.stringify(tokens));
}

const REFRESH_PATH = "/api/v1/auth/refresh";

/**
 * Refresh tokens work once, and presenting a used one revokes the whole sign-in. Every tab
 * has its own session on the same stored pair, so refreshes are serialised across tabs
 * (Web Locks) and a tab holding a pair another tab already rotated takes the stored, newer
 * pair instead of presenting its used refresh token.
 */
export function crossTabFetch(base: typeof fetch, storage: Storage | undefined, now: () => number = Date.now): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const locks = globalThis.navigator?.locks;
    if (!new URL(request.url).pathname.endsWith(REFRESH_PATH) || !locks) return base(request);
    return locks.request("crm-token-refresh", async () => {
      let sent: unknown;
      try {
        sent = ((await request.clone().json()) as { refresh_token?: unknown }).refresh_token;
      } catch {
        return base(request);
      }
      const stored = loadTokens(storage);
      if (stored && stored.refreshToken !== sent && stored.expiresAt - now() > 60_000) {
        const pair = {
          access_token: stored.accessToken,
          refresh_token: stored.refreshToken,
          token_type: "bearer",
          expires_in: Math.floor((stored.expiresAt - now()) / 1000),
        };
        return new Response(JSON.stringify(pair), { status: 200, headers: { "Content-Type": "application/json" } });
      }
      return base(request);
    });
  };
}

export interface SessionOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  storage?: Storage;
  onTokens: (tokens: TokenPair | null) => void;
}

export function createSession(options: SessionOptions): CrmSession {
  const storage = options.storage ?? globalThis.localStorage;
  return new CrmSession({
    // The app is served by the API (or proxied to it by `npm run dev`): same origin.
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? "http://localhost",
    fetch: crossTabFetch(options.fetch ?? globalThis.fetch.bind(globalThis), storage),
    tokens: loadTokens(storage),
    onTokens: (tokens) => {
      saveTokens(storage, tokens);
      options.onTokens(tokens);
    },
  });
}
