// Search as you type, in memory: every record's search text and sort key, filtered in
// JavaScript on each keystroke. A LIKE '%…%' scan in SQLite reads every row's pages; in a
// browser (SQLite in WebAssembly over IndexedDB) a query matching few of 5,000 contacts
// took seconds. This takes a millisecond or two; the store then reads only the rows shown.
import { queryWords } from "./types";

export interface IndexEntry {
  id: string;
  search: string;
  sort: string;
}

const bySort = (a: IndexEntry, b: IndexEntry) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class SearchIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private sorted: IndexEntry[] | null = null;

  constructor(entries: Iterable<IndexEntry> = []) {
    this.replace(entries);
  }

  get size(): number {
    return this.entries.size;
  }

  put(entry: IndexEntry): void {
    this.entries.set(entry.id, { id: entry.id, search: entry.search, sort: entry.sort });
    this.sorted = null;
  }

  delete(id: string): void {
    if (this.entries.delete(id)) this.sorted = null;
  }

  replace(entries: Iterable<IndexEntry>): void {
    this.entries.clear();
    for (const entry of entries) this.entries.set(entry.id, { id: entry.id, search: entry.search, sort: entry.sort });
    this.sorted = null;
  }

  /** The ids whose search text contains every word of the query, by sort key, at most `limit`. */
  search(query: string, limit: number): string[] {
    if (this.sorted === null) this.sorted = [...this.entries.values()].sort(bySort);
    const words = queryWords(query);
    const ids: string[] = [];
    for (const entry of this.sorted) {
      if (words.every((word) => entry.search.includes(word))) {
        ids.push(entry.id);
        if (ids.length >= limit) break;
      }
    }
    return ids;
  }
}
