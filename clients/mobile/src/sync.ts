// Keeps the local copy in step with the API.
//
// First sync (or after a 410): take the feed's position (`after=now`) *before* listing,
// page through each list, replace the local records with exactly what the lists answered,
// then follow the feed from that position. Later syncs only follow the feed
// (`GET /api/v1/events?after=`): an event newer than the copy replaces it, a tombstone
// (archived, merged away, out of the user's sight) drops it. Events of record types the
// app does not keep are skipped. It keeps contacts, companies, tasks, deals, requests and planned
// interactions (calls and meetings to come): all the
// API lets the user read (the API decides which). The position and the time of the last sync are saved in
// the local store, so a restart goes on where it stopped.
import {
  authMe,
  type ChangeEventRead,
  type ChangeFeedRead,
  type Client,
  companiesList,
  contactsList,
  dealsList,
  eventsList,
  interactionOutcomesList,
  interactionsList,
  pipelinesList,
  requestsList,
  tasksList,
} from "@crm/sdk";

import { type Outcome, outcome } from "./net";
import { toLocal } from "./records";
import { ENTITIES, type Entity, type LocalRecord, type LocalStore, PROVISIONAL } from "./storage/types";

export const META_CURSOR = "sync.cursor";
export const META_LAST_SYNCED = "sync.lastSyncedAt";
export const META_OUTCOMES = "lookup.outcomes";
/** Who is signed in (the API's `GET /auth/me`), for "My day". */
export const META_ME = "lookup.me";
/** The pipelines and their stages (the API's `GET /pipelines`), for deals by stage. */
export const META_PIPELINES = "lookup.pipelines";
/** The record types the last full sync listed: a version that keeps more lists again. */
export const META_ENTITIES = "sync.entities";

const PAGE = 200;
const FEED_PAGE = 500;

export type SyncResult =
  | { kind: "ok"; full: boolean; applied: number; at: string }
  | { kind: "offline" }
  | { kind: "unauthorized" }
  | { kind: "error"; status: number; message: string };

type Page = { items: Array<Record<string, unknown>>; next_cursor?: string | null };

function lister(client: Client, entity: Entity) {
  return (cursor: string | undefined): Promise<Outcome<Page>> => {
    const query = { limit: PAGE, ...(cursor ? { cursor } : {}) };
    if (entity === "contact") return outcome(contactsList({ client, query }) as never);
    if (entity === "company") return outcome(companiesList({ client, query }) as never);
    if (entity === "task") return outcome(tasksList({ client, query }) as never);
    if (entity === "request") return outcome(requestsList({ client, query }) as never);
    // Of the interactions, the phone keeps the planned ones (the agenda); the history is on the timeline.
    if (entity === "interaction") return outcome(interactionsList({ client, query: { ...query, status: "planned" } }) as never);
    return outcome(dealsList({ client, query }) as never);
  };
}

/** Whether the phone keeps a record the feed brings (the same choice as the lists above). */
function kept(entity: Entity, data: Record<string, unknown>): boolean {
  return entity !== "interaction" || data.status === "planned";
}

function failure(result: Exclude<Outcome<unknown>, { kind: "ok" }>): SyncResult {
  if (result.kind === "offline") return { kind: "offline" };
  if (result.status === 401) return { kind: "unauthorized" };
  return { kind: "error", status: result.status, message: result.problem?.detail ?? `HTTP ${result.status}` };
}

export class SyncEngine {
  private running: Promise<SyncResult> | null = null;

  constructor(
    private readonly store: LocalStore,
    private readonly client: Client,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One sync; concurrent callers share the one in flight. */
  sync(): Promise<SyncResult> {
    if (this.running === null) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async lastSyncedAt(): Promise<string | null> {
    return this.store.getMeta(META_LAST_SYNCED);
  }

  private async run(): Promise<SyncResult> {
    const cursor = await this.store.getMeta(META_CURSOR);
    if (cursor === null || (await this.store.getMeta(META_ENTITIES)) !== ENTITIES.join(",")) return this.fullSync();
    const followed = await this.follow(cursor);
    if (followed === "gone") return this.fullSync();
    if (typeof followed !== "number") return followed;
    await this.refreshLookups();
    return this.finish(false, followed);
  }

  /** Lists everything again; the feed is then followed from before the listing. */
  private async fullSync(): Promise<SyncResult> {
    const head = await outcome<ChangeFeedRead>(eventsList({ client: this.client, query: { after: "now" } }));
    if (head.kind !== "ok") return failure(head);
    for (const entity of ENTITIES) {
      const records: LocalRecord[] = [];
      const list = lister(this.client, entity);
      let next: string | undefined;
      do {
        const page = await list(next);
        if (page.kind !== "ok") return failure(page);
        for (const item of page.data.items) records.push(toLocal(entity, item));
        next = page.data.next_cursor ?? undefined;
      } while (next);
      // Records created on the phone and not sent yet stay (the write queue sends them).
      records.push(...(await this.store.relatedRecords(entity, PROVISIONAL, Number.MAX_SAFE_INTEGER)));
      await this.store.replaceRecords(entity, records);
    }
    await this.store.setMeta(META_CURSOR, head.data.next_cursor ?? null);
    await this.store.setMeta(META_ENTITIES, ENTITIES.join(","));
    await this.refreshLookups();
    const followed = head.data.next_cursor ? await this.follow(head.data.next_cursor) : 0;
    if (followed === "gone") return { kind: "error", status: 410, message: "The change feed is gone" };
    if (typeof followed !== "number") return followed;
    return this.finish(true, followed);
  }

  /** Applies the feed from `cursor` to its end; the count of events applied, or why not. */
  private async follow(cursor: string): Promise<number | "gone" | SyncResult> {
    let after = cursor;
    let applied = 0;
    for (;;) {
      const page = await outcome<ChangeFeedRead>(
        eventsList({ client: this.client, query: { after, limit: FEED_PAGE } }),
      );
      if (page.kind === "http" && page.status === 410) return "gone";
      if (page.kind !== "ok") return failure(page);
      for (const event of page.data.items) {
        if (await this.apply(event)) applied += 1;
      }
      if (page.data.next_cursor) {
        after = page.data.next_cursor;
        await this.store.setMeta(META_CURSOR, after);
      }
      if (!page.data.has_more || page.data.items.length === 0) return applied;
    }
  }

  private async apply(event: ChangeEventRead): Promise<boolean> {
    const entity = event.entity_type as Entity;
    if (!ENTITIES.includes(entity)) return false;
    const held = await this.store.getRecord(entity, event.entity_id);
    if (event.tombstone || event.data === null) {
      if (held === null || held.version > event.version) return false;
      await this.store.deleteRecord(entity, event.entity_id);
      return true;
    }
    if (held !== null && held.version >= event.version) return false;
    if (entity === "interaction" && !kept(entity, event.data)) {
      // Done or canceled: no longer on the agenda, so no longer kept.
      if (held === null) return false;
      await this.store.deleteRecord(entity, event.entity_id);
      return true;
    }
    await this.store.putRecords(entity, [toLocal(entity, { ...event.data, id: event.entity_id, version: event.version })]);
    return true;
  }

  /** The interaction outcomes the API offers (for the log screen) and who is signed in, kept for offline use. */
  private async refreshLookups(): Promise<void> {
    const outcomes = await outcome(interactionOutcomesList({ client: this.client }));
    if (outcomes.kind === "ok") await this.store.setMeta(META_OUTCOMES, JSON.stringify(outcomes.data));
    const me = await outcome(authMe({ client: this.client }));
    if (me.kind === "ok") await this.store.setMeta(META_ME, JSON.stringify(me.data));
    const pipelines = await outcome(pipelinesList({ client: this.client }));
    if (pipelines.kind === "ok") await this.store.setMeta(META_PIPELINES, JSON.stringify(pipelines.data));
  }

  private async finish(full: boolean, applied: number): Promise<SyncResult> {
    const at = this.now().toISOString();
    await this.store.setMeta(META_LAST_SYNCED, at);
    return { kind: "ok", full, applied, at };
  }
}
