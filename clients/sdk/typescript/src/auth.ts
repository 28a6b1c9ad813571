// The only hand-written part of the SDK: sign-in, token refresh and sign-out around the
// generated client. Everything under ./generated/ comes from openapi/openapi.json.
//
// Access tokens are short-lived JWTs; refresh tokens are opaque, work exactly once, and
// presenting a used one again revokes the whole sign-in. So a session refreshes at most
// once at a time (concurrent callers share the refresh in flight), refreshes shortly
// before the access token expires, and retries a request once after a 401. A request the
// database broke off in a collision with another (503 concurrent-write: nothing was
// written) is sent again once, after its Retry-After.

import { type Client, createClient, createConfig } from "./generated/client/index.js";
import { authLogout, authRefresh, authToken } from "./generated/sdk.gen.js";
import type { ClientOptions, Problem, TokenPairOut } from "./generated/types.gen.js";

/** The token pair of a signed-in session; `expiresAt` is the access token's expiry (ms). */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

export interface SessionOptions {
  /** Where the API lives, e.g. `http://127.0.0.1:8000` (paths start with /api/v1). */
  baseUrl: string;
  /** A token pair saved earlier (see `onTokens`), to resume a session without signing in. */
  tokens?: TokenPair | null;
  /** Called with every new token pair, and with null on sign-out or a revoked session. */
  onTokens?: (tokens: TokenPair | null) => void | Promise<void>;
  /** Refresh this many seconds before the access token expires (default 30). */
  refreshMarginSeconds?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
  /** The clock, in ms since the epoch (default: Date.now); tests move it. */
  now?: () => number;
}

/** Sign-in, refresh or sign-out failed; `problem` is the API's problem+json body. */
export class AuthError extends Error {
  readonly status: number | undefined;
  readonly problem: Problem | undefined;

  constructor(message: string, status?: number, problem?: Problem) {
    super(message);
    this.name = "AuthError";
    this.status = status;
    this.problem = problem;
  }
}

const BEARER = /^Bearer\s+(.+)$/i;

/**
 * A signed-in connection to the API. Pass `session.client` to any generated function:
 *
 * ```ts
 * const session = new CrmSession({ baseUrl: "http://127.0.0.1:8000" });
 * await session.signIn("owner@example.com", "password");
 * const { data } = await contactsList({ client: session.client, query: { limit: 20 } });
 * ```
 */
export class CrmSession {
  /** The generated client, authenticated by this session; use it with every SDK function. */
  readonly client: Client;

  private readonly authClient: Client;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly onTokens: SessionOptions["onTokens"];
  private current: TokenPair | null;
  private refreshing: Promise<TokenPair> | null = null;

  constructor(options: SessionOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
    this.marginMs = (options.refreshMarginSeconds ?? 30) * 1000;
    this.onTokens = options.onTokens;
    this.current = options.tokens ?? null;
    // Sign-in, refresh and sign-out go through a client of their own: no bearer token,
    // no retry, so a failing refresh can never recurse.
    this.authClient = createClient(
      createConfig<ClientOptions>({ baseUrl: options.baseUrl, fetch: this.fetchImpl }),
    );
    this.client = createClient(
      createConfig<ClientOptions>({
        baseUrl: options.baseUrl,
        auth: () => this.accessToken(),
        fetch: (input, init) => this.send(new Request(input, init)),
      }),
    );
  }

  /** The current token pair (save it to resume later), or null when signed out. */
  get tokens(): TokenPair | null {
    return this.current;
  }

  get signedIn(): boolean {
    return this.current !== null;
  }

  /** Signs in with e-mail and password (OAuth2 password flow at /api/v1/auth/token). */
  async signIn(email: string, password: string): Promise<TokenPair> {
    const { data, error, response } = await authToken({
      client: this.authClient,
      body: { username: email, password, grant_type: "password" },
    });
    if (data === undefined) {
      throw authError("Sign-in failed", response, error);
    }
    return this.store(data);
  }

  /**
   * An access token valid for at least the refresh margin, refreshing first when needed;
   * undefined when signed out (or when the session was revoked meanwhile).
   */
  async accessToken(): Promise<string | undefined> {
    if (this.current === null) {
      return undefined;
    }
    if (this.current.expiresAt - this.marginMs <= this.now()) {
      try {
        await this.refresh();
      } catch (error) {
        if (!(error instanceof AuthError)) {
          throw error;
        }
      }
    }
    return this.current?.accessToken;
  }

  /**
   * Exchanges the refresh token for a new pair. Concurrent calls share one request: the
   * refresh token works once, and presenting it twice would revoke the sign-in.
   */
  refresh(): Promise<TokenPair> {
    if (this.refreshing === null) {
      this.refreshing = this.exchange().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Signs out: revokes the refresh token (and every token rotated from it) and forgets both. */
  async signOut(): Promise<void> {
    if (this.refreshing !== null) {
      await this.refreshing.catch(() => undefined);
    }
    const tokens = this.current;
    if (tokens === null) {
      return;
    }
    await this.setTokens(null);
    const { error, response } = await authLogout({
      client: this.authClient,
      body: { refresh_token: tokens.refreshToken },
    });
    if (response === undefined || !response.ok) {
      throw authError("Sign-out failed", response, error);
    }
  }

  private async exchange(): Promise<TokenPair> {
    const tokens = this.current;
    if (tokens === null) {
      throw new AuthError("Not signed in");
    }
    const { data, error, response } = await authRefresh({
      client: this.authClient,
      body: { refresh_token: tokens.refreshToken },
    });
    if (data === undefined) {
      // The API refused the refresh token (expired, revoked or reused): the session is
      // over. A network failure keeps the tokens for a later try.
      if (response !== undefined && response.status >= 400 && response.status < 500) {
        if (this.current === tokens) {
          await this.setTokens(null);
        }
      }
      throw authError("Token refresh failed", response, error);
    }
    return this.store(data);
  }

  /** The fetch behind `client`: a 503 concurrent-write is sent again once, after its
   * Retry-After (at most 10 s); see `authorized` for a 401. */
  private async send(request: Request): Promise<Response> {
    const again = request.clone();
    const response = await this.authorized(request);
    if (!(await isConcurrentWrite(response))) return response;
    await response.body?.cancel();
    const seconds = Number(response.headers.get("Retry-After") ?? "1");
    const wait = Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), 10) : 1;
    await new Promise((done) => setTimeout(done, wait * 1000));
    return this.authorized(again);
  }

  /** A 401 on a bearer request refreshes once and retries once. */
  private async authorized(request: Request): Promise<Response> {
    const sent = BEARER.exec(request.headers.get("Authorization") ?? "")?.[1];
    const retry = sent !== undefined ? request.clone() : undefined;
    const response = await this.fetchImpl(request);
    if (response.status !== 401 || retry === undefined || this.current === null) {
      return response;
    }
    let accessToken: string;
    if (this.current.accessToken !== sent) {
      accessToken = this.current.accessToken; // refreshed meanwhile by another request
    } else {
      try {
        accessToken = (await this.refresh()).accessToken;
      } catch {
        return response;
      }
    }
    await response.body?.cancel();
    retry.headers.set("Authorization", `Bearer ${accessToken}`);
    return this.fetchImpl(retry);
  }

  private async store(pair: TokenPairOut): Promise<TokenPair> {
    const tokens: TokenPair = {
      accessToken: pair.access_token,
      refreshToken: pair.refresh_token,
      expiresAt: this.now() + pair.expires_in * 1000,
    };
    await this.setTokens(tokens);
    return tokens;
  }

  private async setTokens(tokens: TokenPair | null): Promise<void> {
    this.current = tokens;
    await this.onTokens?.(tokens);
  }
}

function authError(message: string, response: Response | undefined, error: unknown): AuthError {
  const problem = isProblem(error) ? error : undefined;
  const detail = problem?.detail ?? problem?.title;
  return new AuthError(
    detail ? `${message}: ${detail}` : message,
    response?.status,
    problem,
  );
}

/** The API's 503 concurrent-write problem, read from a copy of the response. */
async function isConcurrentWrite(response: Response): Promise<boolean> {
  if (response.status !== 503) return false;
  try {
    const body: unknown = await response.clone().json();
    return isProblem(body) && String(body.type ?? "").endsWith("/concurrent-write");
  } catch {
    return false;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}
