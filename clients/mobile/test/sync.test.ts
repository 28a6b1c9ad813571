import { SyncEngine, META_CURSOR, META_ENTITIES } from "../src/sync";
import { MemoryStore } from "../src/storage/memory";
import { FakeApi } from "./fakeApi";
import { signedIn } from "./helpers";

async function names(store: MemoryStore): Promise<string[]> {
  return (await store.searchRecords<{ full_name: string }>("contact", "", 1000)).map((r) => r.data.full_name);
}

function setup() {
  const api = new FakeApi();
  const store = new MemoryStore();
  const session = signedIn(api);
  const sync = new SyncEngine(store, session.client, () => new Date("2026-12-08T01:00:00Z"));
  return { api, store, sync };
}

test("first sync pages through the lists and remembers the feed position", async () => {
  const { api, store, sync } = setup();
  for (let i = 0; i < 450; i++) api.addContact({ first_name: "Person", last_name: String(i).padStart(3, "0") });
  api.addCompany("Acme");
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  api.addTask({ title: "Send the quote", contact_id: String(ada.id) });
  api.addDeal({ title: "40 units", contact_id: String(ada.id), amount: 120000 });
  const result = await sync.sync();
  expect(result).toMatchObject({ kind: "ok", full: true });
  expect(await store.countRecords("contact")).toBe(451);
  expect(await store.countRecords("company")).toBe(1);
  expect((await store.relatedRecords<{ title: string }>("task", String(ada.id), 10)).map((r) => r.data.title)).toEqual(["Send the quote"]);
  expect((await store.relatedRecords<{ title: string }>("deal", String(ada.id), 10)).map((r) => r.data.title)).toEqual(["40 units"]);
  expect(await store.getMeta(META_CURSOR)).toBe(`c${api.seq}`);
  expect(await sync.lastSyncedAt()).toBe("2026-12-08T01:00:00.000Z");
  const lists = api.requests.filter((r) => r.path.startsWith("/api/v1/contacts?"));
  expect(lists).toHaveLength(3); // 200 + 200 + 51
});

test("sync applies creates, updates and tombstones from the feed", async () => {
  const { api, store, sync } = setup();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const bob = api.addContact({ first_name: "Bob", last_name: "Stone" });
  const cy = api.addContact({ first_name: "Cy", last_name: "Young" });
  await sync.sync();
  expect(await names(store)).toEqual(["Ada Lovelace", "Bob Stone", "Cy Young"]);

  api.addContact({ first_name: "Dee", last_name: "New" });
  api.updateContact(String(ada.id), { last_name: "King" });
  api.archiveContact(String(bob.id));
  api.reassignAway(String(cy.id));
  api.addTask({ title: "Call back", contact_id: String(ada.id) });
  const before = api.requests.length;
  const result = await sync.sync();
  expect(result).toMatchObject({ kind: "ok", full: false, applied: 5 });
  expect((await store.relatedRecords<{ title: string }>("task", String(ada.id), 10)).map((r) => r.data.title)).toEqual(["Call back"]);
  expect(await names(store)).toEqual(["Ada King", "Dee New"]);
  expect((await store.getRecord("contact", String(ada.id)))?.version).toBe(2);
  // Only the feed was read, no list.
  expect(api.requests.slice(before).some((r) => r.path.startsWith("/api/v1/contacts"))).toBe(false);
});

test("an older event does not overwrite a newer copy", async () => {
  const { api, store, sync } = setup();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  api.updateContact(String(ada.id), { last_name: "King" });
  // The list sees version 2; the feed (from position 0, taken "before") replays version 1 and 2.
  await store.setMeta(META_CURSOR, "c0");
  await store.setMeta(META_ENTITIES, "contact,company,task,deal");
  await store.putRecords("contact", [
    { id: String(ada.id), version: 2, data: { ...ada }, search: "ada king", sort: "ada king", ref: null },
  ]);
  await sync.sync();
  expect(await names(store)).toEqual(["Ada King"]);
});

test("search matches every word, over local data", async () => {
  const { api, store, sync } = setup();
  api.addContact({ first_name: "Ada", last_name: "Lovelace", emails: [{ email: "ada@engine.example", primary: true }] });
  api.addContact({ first_name: "Adam", last_name: "Smith", city: "Kirkcaldy" });
  await sync.sync();
  api.online = false;
  const hits = async (q: string) => (await store.searchRecords<{ full_name: string }>("contact", q, 50)).map((r) => r.data.full_name);
  expect(await hits("ad")).toEqual(["Ada Lovelace", "Adam Smith"]);
  expect(await hits("engine")).toEqual(["Ada Lovelace"]);
  expect(await hits("ADAM kirk")).toEqual(["Adam Smith"]);
  expect(await hits("zzz")).toEqual([]);
});

test("a 410 from the feed starts a clean resync that leaves exactly the server's records", async () => {
  const { api, store, sync } = setup();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const bob = api.addContact({ first_name: "Bob", last_name: "Stone" });
  await sync.sync();
  // While the phone was away longer than the feed keeps events: changes it never sees as events.
  api.archiveContact(String(bob.id));
  api.updateContact(String(ada.id), { last_name: "King" });
  api.addContact({ first_name: "Eve", last_name: "Later" });
  api.horizon = api.seq; // every event so far is gone
  // And a stray local record the server never had.
  await store.putRecords("contact", [{ id: "stray", version: 1, data: { full_name: "Stray" }, search: "stray", sort: "stray", ref: null }]);
  const result = await sync.sync();
  expect(result).toMatchObject({ kind: "ok", full: true });
  const server = [...api.contacts.values()].map((c) => c.full_name).sort();
  expect(await names(store)).toEqual(server);
  expect(await names(store)).toEqual(["Ada King", "Eve Later"]);
  expect(await store.getMeta(META_CURSOR)).toBe(`c${api.seq}`);
});

test("offline: sync says so and keeps the local data", async () => {
  const { api, store, sync } = setup();
  api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  await sync.sync();
  api.online = false;
  expect(await sync.sync()).toEqual({ kind: "offline" });
  expect(await names(store)).toEqual(["Ada Lovelace"]);
});

test("an expired access token is refreshed silently on a 401", async () => {
  const { api, store, sync } = setup();
  api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  api.expired.add(api.accessToken);
  api.accessToken = "access-2"; // the server no longer accepts the saved one
  const result = await sync.sync();
  expect(result).toMatchObject({ kind: "ok" });
  expect(api.requests.some((r) => r.path === "/api/v1/auth/refresh")).toBe(true);
  expect(await names(store)).toEqual(["Ada Lovelace"]);
});

test("an app that keeps more record types than at its last full sync lists again", async () => {
  const { api, store, sync } = setup();
  api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  api.addTask({ title: "Older task" });
  await sync.sync();
  await store.setMeta(META_ENTITIES, "contact,company"); // as an earlier version left it
  await store.replaceRecords("task", []);
  expect(await sync.sync()).toMatchObject({ kind: "ok", full: true });
  expect(await store.countRecords("task")).toBe(1);
});
