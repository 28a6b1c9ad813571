// Who is signed in, for the whole app. Sign-out revokes the refresh token; a session the
// API ends (refresh refused: expired or revoked) lands on the login page with a message.
import { type Client, type CrmSession, type TokenPair } from "@crm/sdk";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

import { mayAct, type WorkRecord } from "./access";
import { type AccessMatrix, type Claims, createSession, decodeClaims, parseAccess, type RecordKind, STORAGE_KEY } from "./session";

export interface Auth {
  session: CrmSession;
  client: Client;
  tokens: TokenPair | null;
  claims: Claims | null;
  /** The session ended without the user signing out (shown on the login page). */
  expired: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  can: (permission: string) => boolean;
  /** The role's access levels, from the token's `acc` claim. */
  access: AccessMatrix;
  /** Whether the write level for `kind` reaches `record` (own: owned by me, or for tasks
   * and requests assigned to me, for interactions with me among the participants; team:
   * my team's too; all): a display hint for edit controls, the API decides. */
  mayChange: (kind: RecordKind, record: WorkRecord) => boolean;
  /** Whether the archive level for `kind` (archiving, restoring, being merged away) reaches
   * `record` as well as the write level: own counts only records owned by me, team my
   * team's too, all every one. A display hint, the API decides. */
  mayArchive: (kind: RecordKind, record: WorkRecord) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export interface AuthProviderProps {
  children: ReactNode;
  /** Tests pass a fake fetch and an in-memory storage. */
  fetch?: typeof fetch;
  storage?: Storage;
  baseUrl?: string;
}

export function AuthProvider({ children, fetch, storage, baseUrl }: AuthProviderProps) {
  const queryClient = useQueryClient();
  const signingOut = useRef(false);
  const [session] = useState(() =>
    createSession({
      fetch,
      storage,
      baseUrl,
      onTokens: (next) => {
        setTokens(next);
        if (next === null) {
          if (!signingOut.current) setExpired(true);
          queryClient.clear();
        } else {
          setExpired(false);
        }
      },
    }),
  );
  const [tokens, setTokens] = useState<TokenPair | null>(() => session.tokens);
  const [expired, setExpired] = useState(false);

  // Signed out in another tab: sign out here too (the refresh token is revoked anyway).
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY && event.newValue === null && session.signedIn) {
        signingOut.current = true;
        void session.signOut().catch(() => undefined).finally(() => {
          signingOut.current = false;
        });
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [session]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await session.signIn(email, password);
    },
    [session],
  );
  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await session.signOut();
    } catch {
      // The tokens are forgotten locally even when the API cannot be reached.
    } finally {
      signingOut.current = false;
      setExpired(false);
    }
  }, [session]);

  const value = useMemo<Auth>(() => {
    const claims = decodeClaims(tokens?.accessToken);
    const perms = new Set(claims?.perms ?? []);
    const access = parseAccess(claims?.acc);
    return {
      session,
      client: session.client,
      tokens,
      claims,
      expired,
      signIn,
      signOut,
      can: (permission) => perms.has(permission),
      access,
      mayChange: (kind, record) => mayAct(access, kind, "write", record, claims),
      mayArchive: (kind, record) => mayAct(access, kind, "archive", record, claims),
    };
  }, [session, tokens, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (value === null) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** The generated client of the signed-in session, for SDK calls. */
export function useClient(): Client {
  return useAuth().client;
}
