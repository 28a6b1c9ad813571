// The local database, as the rest of the app sees it. Two implementations: expo-sqlite
// (./sqlite.ts, on the phone and in the browser) and plain memory (./memory.ts, for tests;
// jest-expo's expo-sqlite mock cannot open a database).
//
// The store keeps copies of what the API answered, a few settings (the feed position,
// when it last synced) and the write queue. It holds no rule of the CRM's own.

/** The record types kept on the phone, named as the change feed names them. */
export type Entity = "contact" | "company" | "task" | "deal" | "request" | "interaction";
export const ENTITIES: readonly Entity[] = ["contact", "company", "task", "deal", "request", "interaction"];

/** A copy of one record as the API represents it. `search` is its lower-cased text to match. */
export interface LocalRecord<T = Record<string, unknown>> {
  id: string;
  version: number;
  data: T;
  search: string;
  /** Sort key (e.g. the name, lower-cased). */
  sort: string;
  /**
   * The contact a task or deal is about, to show it on the contact's card; on a record
   * created on the phone and not sent yet, `PROVISIONAL`.
   */
  ref: string | null;
}

/** Ids of records created on the phone, until the API answers with theirs. */
export const LOCAL_ID_PREFIX = "local-";
export const PROVISIONAL = "provisional";
export const isLocalId = (id: string | null | undefined): id is string => Boolean(id?.startsWith(LOCAL_ID_PREFIX));

export type QueueStatus = "pending" | "sending" | "failed" | "conflict";

/** A write waiting to be sent: sent in `seq` order, each once (its own Idempotency-Key). */
export interface QueueItem {
  id: string;
  seq: number;
  kind: string;
  /** The record it is about (e.g. the contact of a logged call), to show it there as pending. */
  recordId: string | null;
  /** The record's name or title as the user saw it, to say what the item is about. */
  label?: string | null;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  /** The version the user saw, sent as If-Match (a 412 means someone changed the record). */
  ifMatch: number | null;
  status: QueueStatus;
  /** The API's problem message (a 4xx) or the conflict's detail. */
  error: string | null;
  /** The fields the API's problem named (a 422's `errors[]`), to correct on the item. */
  fieldErrors?: Array<{ field: string; message: string; code: string }> | null;
  /** The record as the server holds it now, on a 412. */
  serverData: Record<string, unknown> | null;
  attempts: number;
  createdAt: string;
}

export interface LocalStore {
  getRecord<T = Record<string, unknown>>(entity: Entity, id: string): Promise<LocalRecord<T> | null>;
  /** Records whose `search` contains every word of `query` (all when empty), by `sort`. */
  searchRecords<T = Record<string, unknown>>(entity: Entity, query: string, limit: number): Promise<LocalRecord<T>[]>;
  countRecords(entity: Entity): Promise<number>;
  /** Records whose `ref` is this id, by `sort`. */
  relatedRecords<T = Record<string, unknown>>(entity: Entity, ref: string, limit: number): Promise<LocalRecord<T>[]>;
  putRecords(entity: Entity, records: LocalRecord[]): Promise<void>;
  deleteRecord(entity: Entity, id: string): Promise<void>;
  /** Replaces every record of the entity with these, at once (a resync). */
  replaceRecords(entity: Entity, records: LocalRecord[]): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string | null): Promise<void>;

  /** Appends to the queue; `seq` is assigned by the store. */
  enqueue(item: Omit<QueueItem, "seq">): Promise<QueueItem>;
  queueItems(): Promise<QueueItem[]>;
  updateQueueItem(id: string, patch: Partial<Omit<QueueItem, "id" | "seq">>): Promise<void>;
  removeQueueItem(id: string): Promise<void>;

  /** Sign-out: forgets every record, setting and queued write. */
  clearAll(): Promise<void>;
}

/** Lower-cased words of a query, for matching against `search`. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
}
