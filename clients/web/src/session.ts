// The signed-in session: the SDK's CrmSession (silent refresh, one refresh at a time, a
// retry after a 401) with its token pair kept in localStorage, so a reload stays signed in.
import { CrmSession, type TokenPair } from "@crm/sdk";

export const STORAGE_KEY = "crm.session";

/** What the access token says about its holder (see ARCHITECTURE.md, "Auth and roles"). */
export interface Claims {
  sub: string;
  role: string;
  rank: number;
  perms: string[];
  scope: "own" | "team" | "all";
  team?: string | null;
  exp: number;
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
    fetch: options.fetch,
    tokens: loadTokens(storage),
    onTokens: (tokens) => {
      saveTokens(storage, tokens);
      options.onTokens(tokens);
    },
  });
}
