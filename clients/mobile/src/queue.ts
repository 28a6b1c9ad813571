// The durable write queue. Every write the user makes goes here first (so it shows at once,
// and survives the app being killed), then to the API in order when there is a network.
//
// Each item carries its own Idempotency-Key, chosen when it was queued: an item sent again
// after a lost answer (or after the app died mid-send) is replayed by the API, never done
// twice. An update carries the version the user saw (If-Match): a 412 parks the item as a
// conflict, with the server's version beside it, until the user chooses. Any other 4xx
// parks it with the problem's message; no network, a 5xx or a 429 leave it pending and end
// the run (the next run starts again at the same item).
import {
  type Client,
  type ContactCreate,
  contactsCreate,
  contactsGet,
  contactsUpdate,
  dealsGet,
  dealsMove,
  interactionsCreate,
  requestsGet,
  requestsUpdate,
  tasksCreate,
  tasksGet,
  tasksUpdate,
} from "@crm/sdk";

import { type Outcome, outcome, problemMessage, uuid } from "./net";
import { toLocal } from "./records";
import { type Entity, isLocalId, LOCAL_ID_PREFIX, type LocalStore, PROVISIONAL, type QueueItem } from "./storage/types";

export type WriteKind =
  | "interaction.create"
  | "contact.create"
  | "contact.update"
  | "task.create"
  | "task.update"
  | "deal.move"
  | "request.update";

/** The record type a write's answer is a copy of (kept locally), if any. */
const ANSWERS: Partial<Record<WriteKind, Entity>> = {
  "contact.create": "contact",
  "contact.update": "contact",
  "task.create": "task",
  "task.update": "task",
  "deal.move": "deal",
  "request.update": "request",
};

/** The record type an update's `recordId` names (to fetch the server's version on a 412). */
const UPDATES: Partial<Record<WriteKind, Entity>> = {
  "contact.update": "contact",
  "task.update": "task",
  "deal.move": "deal",
  "request.update": "request",
};

const ifMatch = (item: QueueItem) => (item.ifMatch !== null ? { "if-match": `"${item.ifMatch}"` } : undefined);

/** Where the id the API gave a record created on the phone is kept (`idmap.<local id>`). */
export const idMapKey = (localId: string) => `idmap.${localId}`;

export interface NewWrite {
  kind: WriteKind;
  recordId: string | null;
  label?: string | null;
  payload: Record<string, unknown>;
  ifMatch?: number | null;
}

export type FlushResult =
  | { kind: "done"; sent: number }
  | { kind: "offline"; sent: number }
  | { kind: "unauthorized"; sent: number }
  | { kind: "retryLater"; sent: number; status: number };

type Sender = (client: Client, item: QueueItem) => Promise<Outcome<Record<string, unknown>>>;

const SENDERS: Record<WriteKind, Sender> = {
  "interaction.create": (client, item) =>
    outcome(
      interactionsCreate({
        client,
        body: item.payload as never,
        headers: { "Idempotency-Key": item.idempotencyKey },
      }),
    ) as never,
  "contact.create": (client, item) =>
    outcome(
      contactsCreate({
        client,
        body: item.payload as never,
        headers: { "Idempotency-Key": item.idempotencyKey },
      }),
    ) as never,
  "contact.update": (client, item) =>
    outcome(
      contactsUpdate({
        client,
        path: { contact_id: item.recordId ?? "" },
        body: item.payload as never,
        headers: ifMatch(item),
      }),
    ) as never,
  "task.update": (client, item) =>
    outcome(
      tasksUpdate({
        client,
        path: { task_id: item.recordId ?? "" },
        body: item.payload as never,
        headers: ifMatch(item),
      }),
    ) as never,
  "task.create": (client, item) =>
    outcome(
      tasksCreate({
        client,
        body: item.payload as never,
        headers: { "Idempotency-Key": item.idempotencyKey },
      }),
    ) as never,
  "deal.move": (client, item) =>
    outcome(
      dealsMove({
        client,
        path: { deal_id: item.recordId ?? "" },
        body: item.payload as never,
        headers: ifMatch(item),
      }),
    ) as never,
  "request.update": (client, item) =>
    outcome(
      requestsUpdate({
        client,
        path: { request_id: item.recordId ?? "" },
        body: item.payload as never,
        headers: ifMatch(item),
      }),
    ) as never,
};

export class WriteQueue {
  private flushing: Promise<FlushResult> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: LocalStore,
    private readonly client: Client,
    private readonly now: () => Date = () => new Date(),
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  items(): Promise<QueueItem[]> {
    return this.store.queueItems();
  }

  /** Queues a write; it is on disk when this resolves. */
  async add(write: NewWrite): Promise<QueueItem> {
    const item = await this.store.enqueue({
      id: uuid(),
      kind: write.kind,
      recordId: write.recordId,
      label: write.label ?? null,
      payload: write.payload,
      idempotencyKey: uuid(),
      ifMatch: write.ifMatch ?? null,
      status: "pending",
      error: null,
      serverData: null,
      attempts: 0,
      createdAt: this.now().toISOString(),
    });
    this.changed();
    return item;
  }

  /**
   * A contact created on the phone: shown at once under a local id (on its card, a call
   * can be logged on it), sent in order; once the API answers, later writes name its id.
   */
  async createContact(fields: ContactCreate & { first_name: string; last_name: string }): Promise<string> {
    const id = `${LOCAL_ID_PREFIX}${uuid()}`;
    const provisional = toLocal("contact", {
      emails: [],
      phones: [],
      title: null,
      city: null,
      country: null,
      company_id: null,
      ...fields,
      id,
      version: 0,
      full_name: `${fields.first_name} ${fields.last_name}`.trim(),
    });
    await this.store.putRecords("contact", [{ ...provisional, ref: PROVISIONAL }]);
    await this.add({ kind: "contact.create", recordId: id, payload: { ...fields } });
    return id;
  }

  /** Replaces local ids the API has answered for (in the record id and the body's values). */
  private async resolveIds(item: QueueItem): Promise<QueueItem> {
    const resolve = async (value: unknown): Promise<unknown> => {
      if (typeof value === "string" && isLocalId(value)) return (await this.store.getMeta(idMapKey(value))) ?? value;
      if (Array.isArray(value)) return Promise.all(value.map(resolve));
      return value;
    };
    const payload: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item.payload)) payload[key] = await resolve(value);
    const recordId = item.kind === "contact.create" ? item.recordId : ((await resolve(item.recordId)) as string | null);
    if (recordId === item.recordId && JSON.stringify(payload) === JSON.stringify(item.payload)) return item;
    await this.store.updateQueueItem(item.id, { payload, recordId });
    return { ...item, payload, recordId };
  }

  /** Sends what is pending, in order; concurrent callers share the run in flight. */
  flush(): Promise<FlushResult> {
    if (this.flushing === null) {
      this.flushing = this.run().finally(() => {
        this.flushing = null;
        this.changed();
      });
    }
    return this.flushing;
  }

  private async run(): Promise<FlushResult> {
    let sent = 0;
    const tried = new Set<string>();
    // Items queued while a run is under way are sent by it too (the loop reads the queue again).
    for (;;) {
      const next = (await this.store.queueItems()).find(
        (item) => !tried.has(item.id) && (item.status === "pending" || item.status === "sending"),
      );
      if (!next) return { kind: "done", sent };
      tried.add(next.id);
      const item = await this.resolveIds(next);
      // Marked before sending: if the app dies now, the item is sent again with the same key.
      await this.store.updateQueueItem(item.id, { status: "sending", attempts: item.attempts + 1 });
      this.changed();
      const sender = SENDERS[item.kind as WriteKind];
      if (!sender) {
        await this.store.updateQueueItem(item.id, { status: "failed", error: `Unknown write: ${item.kind}` });
        continue;
      }
      const result = await sender(this.client, item);
      if (result.kind === "ok") {
        if (item.kind === "contact.create" && item.recordId) {
          // The id first (a crash now still leaves later writes resolvable), then the copy.
          await this.store.setMeta(idMapKey(item.recordId), String(result.data.id));
          await this.store.deleteRecord("contact", item.recordId);
        }
        await this.store.removeQueueItem(item.id);
        const entity = ANSWERS[item.kind as WriteKind];
        if (entity) await this.store.putRecords(entity, [toLocal(entity, result.data)]);
        sent += 1;
        continue;
      }
      if (result.kind === "offline") {
        await this.store.updateQueueItem(item.id, { status: "pending" });
        return { kind: "offline", sent };
      }
      if (result.status === 401 || result.status === 429 || result.status >= 500) {
        await this.store.updateQueueItem(item.id, { status: "pending" });
        return result.status === 401 ? { kind: "unauthorized", sent } : { kind: "retryLater", sent, status: result.status };
      }
      if (result.status === 412) {
        await this.store.updateQueueItem(item.id, {
          status: "conflict",
          error: problemMessage(result),
          serverData: await this.serverVersion(item),
        });
        continue;
      }
      const fieldErrors = (result.problem as { errors?: QueueItem["fieldErrors"] } | null)?.errors ?? null;
      await this.store.updateQueueItem(item.id, {
        status: "failed",
        error: problemMessage(result),
        fieldErrors: fieldErrors && fieldErrors.length > 0 ? fieldErrors : null,
      });
    }
  }

  /** The record as the API holds it now (after a 412), also kept as the local copy. */
  private async serverVersion(item: QueueItem): Promise<Record<string, unknown> | null> {
    if (!item.recordId) return null;
    const client = this.client;
    const id = item.recordId;
    const entity = UPDATES[item.kind as WriteKind];
    const current =
      entity === "contact"
        ? await outcome(contactsGet({ client, path: { contact_id: id } }))
        : entity === "task"
          ? await outcome(tasksGet({ client, path: { task_id: id } }))
          : entity === "deal"
            ? await outcome(dealsGet({ client, path: { deal_id: id } }))
            : entity === "request"
              ? await outcome(requestsGet({ client, path: { request_id: id } }))
              : null;
    if (!entity || current?.kind !== "ok") return null;
    const data = current.data as unknown as Record<string, unknown>;
    await this.store.putRecords(entity, [toLocal(entity, data)]);
    return data;
  }

  /** A conflict resolved: "mine" sends the user's change over the server's version, "theirs" drops it. */
  async resolve(id: string, choice: "mine" | "theirs"): Promise<void> {
    const item = (await this.store.queueItems()).find((candidate) => candidate.id === id);
    if (!item) return;
    if (choice === "theirs") {
      await this.store.removeQueueItem(id);
    } else {
      const version = Number(item.serverData?.version ?? item.ifMatch);
      await this.store.updateQueueItem(id, { status: "pending", ifMatch: version, error: null, serverData: null });
    }
    this.changed();
  }

  /** A failed item sent again as it is (e.g. after the cause was fixed on the server). */
  async retry(id: string): Promise<void> {
    await this.store.updateQueueItem(id, { status: "pending", error: null, fieldErrors: null });
    this.changed();
  }

  /**
   * A refused item corrected: the fields the user filled in (those the API's problem named)
   * go into its body, and it is pending again. A new Idempotency-Key: the API refused the
   * first body (nothing was done), and a key sent again with another body is refused.
   */
  async amend(id: string, fields: Record<string, unknown>): Promise<void> {
    const item = (await this.store.queueItems()).find((candidate) => candidate.id === id);
    if (!item) return;
    await this.store.updateQueueItem(id, {
      payload: { ...item.payload, ...fields },
      idempotencyKey: uuid(),
      status: "pending",
      error: null,
      fieldErrors: null,
    });
    this.changed();
  }

  async discard(id: string): Promise<void> {
    const item = (await this.store.queueItems()).find((candidate) => candidate.id === id);
    if (item?.kind === "contact.create" && isLocalId(item.recordId)) await this.store.deleteRecord("contact", item.recordId);
    await this.store.removeQueueItem(id);
    this.changed();
  }
}
