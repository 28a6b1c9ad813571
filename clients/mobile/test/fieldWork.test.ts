// Deals moved by stage, requests and planned calls kept in step, a next step after a call:
// the sync and the write queue for them.
import { WriteQueue } from "../src/queue";
import { MemoryStore, memoryData } from "../src/storage/memory";
import { META_PIPELINES, SyncEngine } from "../src/sync";
import { FakeApi } from "./fakeApi";
import { signedIn } from "./helpers";

function setup() {
  const api = new FakeApi();
  const disk = memoryData();
  const store = new MemoryStore(disk);
  const session = signedIn(api);
  return { api, store, session, sync: new SyncEngine(store, session.client), queue: new WriteQueue(store, session.client) };
}

test("sync keeps requests and planned interactions (list and feed), and the pipelines", async () => {
  const { api, store, sync } = setup();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const request = api.addRequest({ subject: "Invoice is wrong", contact_id: String(ada.id) });
  const planned = api.addInteraction({ contact_id: String(ada.id), status: "planned", subject: "Visit", scheduled_at: "2026-12-09T10:00:00Z" });
  api.addInteraction({ contact_id: String(ada.id), status: "done", subject: "Old call", occurred_at: "2026-11-01T10:00:00Z" });
  await sync.sync();
  expect((await store.getRecord("request", String(request.id)))?.data).toMatchObject({ subject: "Invoice is wrong" });
  expect((await store.searchRecords("interaction", "", 10)).map((r) => r.id)).toEqual([String(planned.id)]);
  expect(JSON.parse((await store.getMeta(META_PIPELINES))!).items[0].stages.map((s: { name: string }) => s.name)).toEqual([
    "Lead",
    "Won",
    "Lost",
  ]);

  // The feed: a request changed, a new planned meeting, the planned visit done (off the agenda).
  api.updateRequest(String(request.id), { status: "open" });
  const meeting = api.addInteraction({ contact_id: String(ada.id), status: "planned", subject: "Lunch", scheduled_at: "2026-12-10T12:00:00Z" });
  api.updateInteraction(String(planned.id), { status: "done" });
  await sync.sync();
  expect((await store.getRecord("request", String(request.id)))?.data).toMatchObject({ status: "open", version: 2 });
  expect((await store.searchRecords("interaction", "", 10)).map((r) => r.id)).toEqual([String(meeting.id)]);
});

test("moving a deal is queued with its version; a lost stage without a reason shows the API's field problem, corrected and sent again", async () => {
  const { api, store, sync, queue } = setup();
  const deal = api.addDeal({ title: "40 units" });
  await sync.sync();
  await queue.add({ kind: "deal.move", recordId: String(deal.id), payload: { stage_id: FakeApi.STAGES.lost }, ifMatch: 1 });
  expect(await queue.flush()).toEqual({ kind: "done", sent: 0 });
  const [refused] = await queue.items();
  expect(refused).toMatchObject({ status: "failed", fieldErrors: [{ field: "lost_reason", code: "required" }] });
  expect(api.requests.at(-1)?.headers.get("if-match")).toBe('"1"');

  await queue.amend(refused.id, { lost_reason: "Went with a competitor" });
  expect(await queue.flush()).toEqual({ kind: "done", sent: 1 });
  expect(api.deals.get(String(deal.id))).toMatchObject({ stage_id: FakeApi.STAGES.lost, lost_reason: "Went with a competitor" });
  expect((await store.getRecord("deal", String(deal.id)))?.data).toMatchObject({ stage_id: FakeApi.STAGES.lost, version: 2 });
});

test("a deal moved meanwhile on the server: the move is a conflict with the server's version", async () => {
  const { api, sync, queue } = setup();
  const deal = api.addDeal({ title: "40 units" });
  await sync.sync();
  api.moveDeal(String(deal.id), FakeApi.STAGES.won, null);
  await queue.add({ kind: "deal.move", recordId: String(deal.id), payload: { stage_id: FakeApi.STAGES.lost, lost_reason: "x" }, ifMatch: 1 });
  await queue.flush();
  expect((await queue.items())[0]).toMatchObject({ status: "conflict", serverData: { stage_id: FakeApi.STAGES.won, version: 2 } });
});

test("a request's status change is sent with If-Match; the API's refusal shows on the item", async () => {
  const { api, store, sync, queue } = setup();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const request = api.addRequest({ subject: "Invoice is wrong", contact_id: String(ada.id) });
  await sync.sync();
  await queue.add({ kind: "request.update", recordId: String(request.id), payload: { status: "resolved" }, ifMatch: 1 });
  expect(await queue.flush()).toEqual({ kind: "done", sent: 1 });
  expect(api.requests.at(-1)).toMatchObject({ method: "PATCH", body: { status: "resolved" } });
  expect(api.requests.at(-1)?.headers.get("if-match")).toBe('"1"');
  expect((await store.getRecord("request", String(request.id)))?.data).toMatchObject({ status: "resolved", version: 2 });

  api.requestsById.get(String(request.id))!.allowed_statuses = ["closed"];
  await queue.add({ kind: "request.update", recordId: String(request.id), payload: { status: "new" }, ifMatch: 2 });
  await queue.flush();
  expect((await queue.items())[0]).toMatchObject({ status: "failed", error: "A resolved request cannot become new." });
});

test("a next step is a task queued after the interaction, both sent once for a contact created offline", async () => {
  const { api, queue } = setup();
  api.online = false;
  const local = await queue.createContact({ first_name: "Grace", last_name: "Hopper" });
  await queue.add({ kind: "interaction.create", recordId: local, payload: { contact_id: local, channel: "call", status: "done" } });
  await queue.add({ kind: "task.create", recordId: local, payload: { title: "Send the offer", contact_id: local, due_at: "2026-12-09T09:00:00Z" } });
  api.online = true;
  api.loseAnswers = 3;
  await queue.flush();
  await queue.flush();
  await queue.flush();
  await queue.flush();
  expect(await queue.items()).toEqual([]);
  const grace = [...api.contacts.values()].filter((c) => c.first_name === "Grace");
  expect(grace).toHaveLength(1);
  expect(api.interactions).toHaveLength(1);
  const tasks = [...api.tasks.values()].filter((t) => t.title === "Send the offer");
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ contact_id: grace[0].id, due_at: "2026-12-09T09:00:00Z" });
  const posts = api.requests.filter((r) => r.method === "POST").map((r) => r.path);
  expect(posts.indexOf("/api/v1/tasks")).toBeGreaterThan(posts.lastIndexOf("/api/v1/interactions"));
});
