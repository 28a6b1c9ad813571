// The local store in memory: for tests. `MemoryData` can outlive a store, so a test can
// "restart the app" by building a new store over the same data.
import { SearchIndex } from "./searchIndex";
import type { Entity, LocalRecord, LocalStore, QueueItem } from "./types";

export interface MemoryData {
  records: Map<Entity, Map<string, LocalRecord>>;
  meta: Map<string, string>;
  queue: QueueItem[];
  seq: number;
}

export function memoryData(): MemoryData {
  return { records: new Map(), meta: new Map(), queue: [], seq: 0 };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class MemoryStore implements LocalStore {
  constructor(readonly data: MemoryData = memoryData()) {}

  private table(entity: Entity): Map<string, LocalRecord> {
    let table = this.data.records.get(entity);
    if (!table) {
      table = new Map();
      this.data.records.set(entity, table);
    }
    return table;
  }

  async getRecord<T>(entity: Entity, id: string): Promise<LocalRecord<T> | null> {
    const record = this.table(entity).get(id);
    return record ? (copy(record) as LocalRecord<T>) : null;
  }

  async searchRecords<T>(entity: Entity, query: string, limit: number): Promise<LocalRecord<T>[]> {
    // The same index the SQLite store searches with (rebuilt here: tests hold few records).
    const table = this.table(entity);
    return new SearchIndex(table.values())
      .search(query, limit)
      .map((id) => copy(table.get(id)!) as LocalRecord<T>);
  }

  async relatedRecords<T>(entity: Entity, ref: string, limit: number): Promise<LocalRecord<T>[]> {
    return [...this.table(entity).values()]
      .filter((record) => record.ref === ref)
      .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((record) => copy(record) as LocalRecord<T>);
  }

  async countRecords(entity: Entity): Promise<number> {
    return this.table(entity).size;
  }

  async putRecords(entity: Entity, records: LocalRecord[]): Promise<void> {
    const table = this.table(entity);
    for (const record of records) table.set(record.id, copy(record));
  }

  async deleteRecord(entity: Entity, id: string): Promise<void> {
    this.table(entity).delete(id);
  }

  async replaceRecords(entity: Entity, records: LocalRecord[]): Promise<void> {
    this.data.records.set(entity, new Map(records.map((record) => [record.id, copy(record)])));
  }

  async getMeta(key: string): Promise<string | null> {
    return this.data.meta.get(key) ?? null;
  }

  async setMeta(key: string, value: string | null): Promise<void> {
    if (value === null) this.data.meta.delete(key);
    else this.data.meta.set(key, value);
  }

  async enqueue(item: Omit<QueueItem, "seq">): Promise<QueueItem> {
    this.data.seq += 1;
    const stored: QueueItem = { ...copy(item), seq: this.data.seq };
    this.data.queue.push(stored);
    return copy(stored);
  }

  async queueItems(): Promise<QueueItem[]> {
    return copy([...this.data.queue].sort((a, b) => a.seq - b.seq));
  }

  async updateQueueItem(id: string, patch: Partial<Omit<QueueItem, "id" | "seq">>): Promise<void> {
    const item = this.data.queue.find((candidate) => candidate.id === id);
    if (item) Object.assign(item, copy(patch));
  }

  async removeQueueItem(id: string): Promise<void> {
    this.data.queue = this.data.queue.filter((item) => item.id !== id);
  }

  async clearAll(): Promise<void> {
    this.data.records.clear();
    this.data.meta.clear();
    this.data.queue = [];
  }
}
