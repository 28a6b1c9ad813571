// The signed-in app's services (session, local store, sync, write queue) and the state the
// screens show: sync status and the queue. Syncs and sends on start, after every queued
// write, every 30 s, and when asked.
import { AuthError, CrmSession, type TokenPair } from "@crm/sdk";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

import { WriteQueue, type NewWrite } from "./queue";
import { readSecret, writeSecret } from "./secureStorage";
import type { LocalStore, QueueItem } from "./storage/types";
import { SyncEngine } from "./sync";

export const SESSION_KEY = "crm.session";
const META_ACCOUNT = "account";
const INTERVAL_MS = 30_000;

export interface SavedSession {
  baseUrl: string;
  email: string;
  tokens: TokenPair;
}

export type SyncState = "idle" | "syncing" | "offline" | "error";

export interface Services {
  store: LocalStore;
  session: CrmSession;
  sync: SyncEngine;
  queue: WriteQueue;
}

export async function loadSession(): Promise<SavedSession | null> {
  try {
    const raw = await readSecret(SESSION_KEY);
    return raw ? (JSON.parse(raw) as SavedSession) : null;
  } catch {
    return null;
  }
}

/** Builds the services for a session; its token pair is saved on every refresh. */
export function makeServices(
  store: LocalStore,
  saved: { baseUrl: string; email: string; tokens?: TokenPair | null },
  options: { fetch?: typeof fetch } = {},
): Services {
  const session = new CrmSession({
    baseUrl: saved.baseUrl,
    tokens: saved.tokens ?? null,
    fetch: options.fetch,
    onTokens: async (tokens) => {
      if (tokens) await writeSecret(SESSION_KEY, JSON.stringify({ baseUrl: saved.baseUrl, email: saved.email, tokens }));
      else await writeSecret(SESSION_KEY, null);
    },
  });
  return { store, session, sync: new SyncEngine(store, session.client), queue: new WriteQueue(store, session.client) };
}

/** Signs in; a different account than last time starts from an empty local store. */
export async function signIn(services: Services, email: string, password: string): Promise<void> {
  await services.session.signIn(email, password);
  const previous = await services.store.getMeta(META_ACCOUNT);
  if (previous !== null && previous !== email.toLowerCase()) await services.store.clearAll();
  await services.store.setMeta(META_ACCOUNT, email.toLowerCase());
}

/** Signs out: revokes the session on the server when reachable, forgets everything local. */
export async function signOut(services: Services): Promise<void> {
  try {
    await services.session.signOut();
  } catch (error) {
    if (!(error instanceof AuthError) && !(error instanceof TypeError)) throw error;
  }
  await writeSecret(SESSION_KEY, null);
  await services.store.clearAll();
}

export interface AppState extends Services {
  syncState: SyncState;
  lastSyncedAt: string | null;
  items: QueueItem[];
  /** Bumped after every sync or queue change: screens reload their local data. */
  revision: number;
  syncNow: () => Promise<void>;
  write: (write: NewWrite) => Promise<void>;
  /** Queues a new contact; resolves to its local id (its card can open at once). */
  createContact: (fields: { first_name: string; last_name: string; emails?: { email: string }[]; phones?: { phone: string }[] }) => Promise<string>;
  signOut: () => Promise<void>;
}

const AppContext = createContext<AppState | null>(null);

export function AppProvider({
  services,
  onSignedOut,
  onExpired,
  children,
  autoSync = true,
}: {
  services: Services;
  onSignedOut: () => void;
  onExpired: () => void;
  children: ReactNode;
  autoSync?: boolean;
}) {
  const [syncState, setSyncState] = useState<SyncState>("idle");
  const [lastSyncedAt, setLastSyncedAt] = useState<string | null>(null);
  const [items, setItems] = useState<QueueItem[]>([]);
  const [revision, setRevision] = useState(0);
  const alive = useRef(true);

  const reloadQueue = useCallback(async () => {
    const next = await services.queue.items();
    if (alive.current) {
      setItems(next);
      setRevision((r) => r + 1);
    }
  }, [services]);

  const syncNow = useCallback(async () => {
    setSyncState("syncing");
    const flushed = await services.queue.flush();
    const result = flushed.kind === "offline" ? ({ kind: "offline" } as const) : await services.sync.sync();
    if (!alive.current) return;
    if (result.kind === "ok") setSyncState("idle");
    else if (result.kind === "offline") setSyncState("offline");
    else setSyncState("error");
    setLastSyncedAt(await services.sync.lastSyncedAt());
    await reloadQueue();
    if (!services.session.signedIn) onExpired();
  }, [services, reloadQueue, onExpired]);

  useEffect(() => {
    alive.current = true;
    const unsubscribe = services.queue.subscribe(() => void reloadQueue());
    void services.sync.lastSyncedAt().then((at) => alive.current && setLastSyncedAt(at));
    void reloadQueue();
    let timer: ReturnType<typeof setInterval> | undefined;
    if (autoSync) {
      void syncNow();
      timer = setInterval(() => void syncNow(), INTERVAL_MS);
    }
    return () => {
      alive.current = false;
      unsubscribe();
      if (timer) clearInterval(timer);
    };
  }, [services, reloadQueue, syncNow, autoSync]);

  const value = useMemo<AppState>(
    () => ({
      ...services,
      syncState,
      lastSyncedAt,
      items,
      revision,
      syncNow,
      write: async (write) => {
        await services.queue.add(write);
        await reloadQueue();
        void syncNow();
      },
      createContact: async (fields) => {
        const id = await services.queue.createContact(fields);
        await reloadQueue();
        void syncNow();
        return id;
      },
      signOut: async () => {
        await signOut(services);
        onSignedOut();
      },
    }),
    [services, syncState, lastSyncedAt, items, revision, syncNow, reloadQueue, onSignedOut],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp outside AppProvider");
  return value;
}
