import { WriteQueue } from "../src/queue";
import { MemoryStore, memoryData } from "../src/storage/memory";
import { FakeApi } from "./fakeApi";
import { signedIn } from "./helpers";

function call(contactId: string, note: string) {
  return {
    kind: "interaction.create" as const,
    recordId: contactId,
    payload: { contact_id: contactId, channel: "call", status: "done", outcome: "interested", body: note },
  };
}

test("the queue survives a restart and sends each item once, in order", async () => {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const disk = memoryData();
  const session = signedIn(api);

  // Offline: two calls logged, then the app is killed.
  api.online = false;
  const first = new WriteQueue(new MemoryStore(disk), session.client);
  await first.add(call(String(ada.id), "one"));
  await first.add(call(String(ada.id), "two"));
  expect(await first.flush()).toEqual({ kind: "offline", sent: 0 });

  // A new app over the same database: the items are still there, pending.
  const again = new WriteQueue(new MemoryStore(disk), session.client);
  const items = await again.items();
  expect(items.map((i) => [i.payload.body, i.status])).toEqual([
    ["one", "pending"],
    ["two", "pending"],
  ]);
  api.online = true;
  expect(await again.flush()).toEqual({ kind: "done", sent: 2 });
  expect(await again.flush()).toEqual({ kind: "done", sent: 0 });
  expect(api.interactions.map((i) => i.body)).toEqual(["one", "two"]);
  expect(await again.items()).toEqual([]);
  const keys = api.requests.filter((r) => r.path === "/api/v1/interactions").map((r) => r.headers.get("Idempotency-Key"));
  expect(new Set(keys).size).toBe(2);
});

test("replay after a network error creates the record once (same Idempotency-Key)", async () => {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const disk = memoryData();
  const session = signedIn(api);
  const queue = new WriteQueue(new MemoryStore(disk), session.client);
  const item = await queue.add(call(String(ada.id), "met at the fair"));

  api.loseAnswers = 1; // the server creates it, the answer never arrives
  expect(await queue.flush()).toMatchObject({ kind: "offline", sent: 0 });
  expect(api.interactions).toHaveLength(1);
  expect((await queue.items())[0].status).toBe("pending");

  expect(await queue.flush()).toEqual({ kind: "done", sent: 1 });
  expect(api.interactions).toHaveLength(1);
  const sent = api.requests.filter((r) => r.path === "/api/v1/interactions");
  expect(sent.map((r) => r.headers.get("Idempotency-Key"))).toEqual([item.idempotencyKey, item.idempotencyKey]);
});

test("an item the app died sending is sent again with its key, and created once", async () => {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const disk = memoryData();
  const session = signedIn(api);
  const queue = new WriteQueue(new MemoryStore(disk), session.client);
  await queue.add(call(String(ada.id), "killed mid-send"));
  api.loseAnswers = 1;
  await queue.flush();
  // Simulate the kill: the item was marked "sending" and never updated.
  const stored = new MemoryStore(disk);
  const [item] = await stored.queueItems();
  await stored.updateQueueItem(item.id, { status: "sending" });

  const restarted = new WriteQueue(new MemoryStore(disk), session.client);
  expect(await restarted.flush()).toEqual({ kind: "done", sent: 1 });
  expect(api.interactions).toHaveLength(1);
});

test("a 4xx problem stays on the item and later items still go", async () => {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const queue = new WriteQueue(new MemoryStore(), signedIn(api).client);
  await queue.add(call("00000000-0000-4000-8000-000000000000", "unknown contact"));
  await queue.add(call(String(ada.id), "fine"));
  expect(await queue.flush()).toEqual({ kind: "done", sent: 1 });
  const [failed] = await queue.items();
  expect(failed.status).toBe("failed");
  expect(failed.error).toBe("Invalid input: contact_id.");
  expect(api.interactions.map((i) => i.body)).toEqual(["fine"]);
});

test("a 412 parks the update as a conflict with the server's version; the user chooses", async () => {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const store = new MemoryStore();
  const queue = new WriteQueue(store, signedIn(api).client);
  await queue.add({ kind: "contact.update", recordId: String(ada.id), payload: { title: "CTO" }, ifMatch: 1 });
  api.updateContact(String(ada.id), { title: "CEO" }); // someone else, meanwhile
  await queue.flush();
  const [conflict] = await queue.items();
  expect(conflict.status).toBe("conflict");
  expect(conflict.serverData).toMatchObject({ title: "CEO", version: 2 });

  await queue.resolve(conflict.id, "mine");
  expect(await queue.flush()).toEqual({ kind: "done", sent: 1 });
  expect(api.contacts.get(String(ada.id))).toMatchObject({ title: "CTO", version: 3 });
  expect((await store.getRecord("contact", String(ada.id)))?.version).toBe(3);
});

test("a contact created offline and a call logged on it reach the API in order, the call on the new id", async () => {
  const api = new FakeApi();
  const disk = memoryData();
  const store = new MemoryStore(disk);
  const queue = new WriteQueue(store, signedIn(api).client);
  api.online = false;
  const localId = await queue.createContact({ first_name: "Nia", last_name: "New", phones: [{ phone: "+33 1 23" }] });
  await queue.add(call(localId, "first visit"));
  expect((await store.getRecord<{ full_name: string }>("contact", localId))?.data.full_name).toBe("Nia New");
  expect(await queue.flush()).toMatchObject({ kind: "offline" });

  api.online = true;
  api.loseAnswers = 1; // the contact is created, its answer lost: sent again, created once
  await queue.flush();
  expect(await new WriteQueue(new MemoryStore(disk), signedIn(api).client).flush()).toEqual({ kind: "done", sent: 2 });
  expect([...api.contacts.values()].map((c) => c.full_name)).toEqual(["Nia New"]);
  const created = [...api.contacts.values()][0];
  expect(api.interactions).toEqual([expect.objectContaining({ contact_id: created.id, body: "first visit" })]);
  expect(await store.getRecord("contact", localId)).toBeNull();
  expect((await store.getRecord("contact", String(created.id)))?.version).toBe(1);
});

test("a resync keeps contacts created on the phone and not sent yet", async () => {
  const { SyncEngine } = jest.requireActual("../src/sync") as typeof import("../src/sync");
  const api = new FakeApi();
  api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const store = new MemoryStore();
  const session = signedIn(api);
  const queue = new WriteQueue(store, session.client);
  api.online = false;
  const localId = await queue.createContact({ first_name: "Nia", last_name: "New" });
  api.online = true;
  await new SyncEngine(store, session.client).sync(); // a first (full) sync
  expect((await store.searchRecords<{ full_name: string }>("contact", "", 10)).map((r) => r.data.full_name)).toEqual([
    "Ada Lovelace",
    "Nia New",
  ]);
  expect(await store.getRecord("contact", localId)).not.toBeNull();
});

test("an item queued while a run is under way is sent by that run", async () => {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const queue = new WriteQueue(new MemoryStore(), signedIn(api).client);
  await queue.add(call(String(ada.id), "one"));
  const running = queue.flush();
  await queue.add(call(String(ada.id), "two"));
  expect(await queue.flush()).toEqual({ kind: "done", sent: 2 }); // the same run
  expect(await running).toEqual({ kind: "done", sent: 2 });
  expect(api.interactions.map((i) => i.body)).toEqual(["one", "two"]);
});
