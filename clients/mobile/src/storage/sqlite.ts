// The local store in SQLite (expo-sqlite's async API: on the phone, and in the browser
// through its WebAssembly build). Records keep the API's JSON as it came; `search` and
// `sort` are columns that the in-memory search index (./searchIndex.ts) loads from.
import type { SQLiteDatabase } from "expo-sqlite";

import { type IndexEntry, SearchIndex } from "./searchIndex";
import type { Entity, LocalRecord, LocalStore, QueueItem } from "./types";

const SCHEMA = `
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS records (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  search TEXT NOT NULL,
  sort TEXT NOT NULL,
  ref TEXT,
  PRIMARY KEY (entity, id)
);
CREATE INDEX IF NOT EXISTS records_sort ON records (entity, sort, id);
CREATE INDEX IF NOT EXISTS records_ref ON records (entity, ref, sort);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  item TEXT NOT NULL
);
`;

interface RecordRow {
  id: string;
  version: number;
  data: string;
  search: string;
  sort: string;
  ref: string | null;
}

const COLUMNS = "id, version, data, search, sort, ref";

interface QueueRow {
  seq: number;
  item: string;
}

function toRecord<T>(row: RecordRow): LocalRecord<T> {
  return { id: row.id, version: row.version, data: JSON.parse(row.data) as T, search: row.search, sort: row.sort, ref: row.ref };
}

export class SqliteStore implements LocalStore {
  /** Per record type, the search index, loaded on the first search and kept in step by every write. */
  private readonly indexes = new Map<Entity, Promise<SearchIndex>>();

  private constructor(private readonly db: SQLiteDatabase) {}

  private index(entity: Entity): Promise<SearchIndex> {
    let index = this.indexes.get(entity);
    if (!index) {
      index = this.db
        .getAllAsync<IndexEntry>("SELECT id, search, sort FROM records WHERE entity = ?", [entity])
        .then((rows) => new SearchIndex(rows));
      this.indexes.set(entity, index);
      index.catch(() => this.indexes.delete(entity));
    }
    return index;
  }

  /** Applies a write to the index, if it is loaded (else it loads with the write in it). */
  private async indexed(entity: Entity, change: (index: SearchIndex) => void): Promise<void> {
    const index = this.indexes.get(entity);
    if (index) change(await index);
  }

  /** Opens (and creates) the database file `name`. */
  static async open(name = "crm.db"): Promise<SqliteStore> {
    const { openDatabaseAsync } = await import("expo-sqlite");
    const db = await openDatabaseAsync(name);
    await db.execAsync(SCHEMA);
    return new SqliteStore(db);
  }

  async getRecord<T>(entity: Entity, id: string): Promise<LocalRecord<T> | null> {
    const row = await this.db.getFirstAsync<RecordRow>(
      `SELECT ${COLUMNS} FROM records WHERE entity = ? AND id = ?`,
      [entity, id],
    );
    return row ? toRecord<T>(row) : null;
  }

  async searchRecords<T>(entity: Entity, query: string, limit: number): Promise<LocalRecord<T>[]> {
    const ids = (await this.index(entity)).search(query, limit);
    if (ids.length === 0) return [];
    const rows = await this.db.getAllAsync<RecordRow>(
      `SELECT ${COLUMNS} FROM records WHERE entity = ? AND id IN (${ids.map(() => "?").join(", ")})`,
      [entity, ...ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toRecord<T>(row)] : [];
    });
  }

  async relatedRecords<T>(entity: Entity, ref: string, limit: number): Promise<LocalRecord<T>[]> {
    const rows = await this.db.getAllAsync<RecordRow>(
      `SELECT ${COLUMNS} FROM records WHERE entity = ? AND ref = ? ORDER BY sort, id LIMIT ?`,
      [entity, ref, limit],
    );
    return rows.map((row) => toRecord<T>(row));
  }

  async countRecords(entity: Entity): Promise<number> {
    const row = await this.db.getFirstAsync<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE entity = ?", [entity]);
    return row?.n ?? 0;
  }

  private async insert(entity: Entity, records: LocalRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One prepared statement for the whole batch (a first sync writes thousands of rows).
    const statement = await this.db.prepareAsync(
      "INSERT OR REPLACE INTO records (entity, id, version, data, search, sort, ref) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    try {
      for (const record of records) {
        await statement.executeAsync([
          entity,
          record.id,
          record.version,
          JSON.stringify(record.data),
          record.search,
          record.sort,
          record.ref,
        ]);
      }
    } finally {
      await statement.finalizeAsync();
    }
  }

  async putRecords(entity: Entity, records: LocalRecord[]): Promise<void> {
    await this.db.withTransactionAsync(() => this.insert(entity, records));
    await this.indexed(entity, (index) => records.forEach((record) => index.put(record)));
  }

  async deleteRecord(entity: Entity, id: string): Promise<void> {
    await this.db.runAsync("DELETE FROM records WHERE entity = ? AND id = ?", [entity, id]);
    await this.indexed(entity, (index) => index.delete(id));
  }

  async replaceRecords(entity: Entity, records: LocalRecord[]): Promise<void> {
    await this.db.withTransactionAsync(async () => {
      await this.db.runAsync("DELETE FROM records WHERE entity = ?", [entity]);
      await this.insert(entity, records);
    });
    await this.indexed(entity, (index) => index.replace(records));
  }

  async getMeta(key: string): Promise<string | null> {
    const row = await this.db.getFirstAsync<{ value: string }>("SELECT value FROM meta WHERE key = ?", [key]);
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string | null): Promise<void> {
    if (value === null) await this.db.runAsync("DELETE FROM meta WHERE key = ?", [key]);
    else await this.db.runAsync("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value]);
  }

  async enqueue(item: Omit<QueueItem, "seq">): Promise<QueueItem> {
    const result = await this.db.runAsync("INSERT INTO queue (id, item) VALUES (?, ?)", [item.id, JSON.stringify(item)]);
    return { ...item, seq: result.lastInsertRowId };
  }

  async queueItems(): Promise<QueueItem[]> {
    const rows = await this.db.getAllAsync<QueueRow>("SELECT seq, item FROM queue ORDER BY seq");
    return rows.map((row) => ({ ...(JSON.parse(row.item) as Omit<QueueItem, "seq">), seq: row.seq }));
  }

  async updateQueueItem(id: string, patch: Partial<Omit<QueueItem, "id" | "seq">>): Promise<void> {
    const row = await this.db.getFirstAsync<QueueRow>("SELECT seq, item FROM queue WHERE id = ?", [id]);
    if (!row) return;
    const item = { ...(JSON.parse(row.item) as QueueItem), ...patch };
    await this.db.runAsync("UPDATE queue SET item = ? WHERE id = ?", [JSON.stringify(item), id]);
  }

  async removeQueueItem(id: string): Promise<void> {
    await this.db.runAsync("DELETE FROM queue WHERE id = ?", [id]);
  }

  async clearAll(): Promise<void> {
    await this.db.execAsync("DELETE FROM records; DELETE FROM meta; DELETE FROM queue;");
    this.indexes.clear();
  }
}
