// The screens of the second increment: deals by stage with a move, requests assigned to me,
// the contact's timeline (kept for offline), a next step after a call, planned calls in My day.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react-native";

import App from "../src/App";
import { MemoryStore, memoryData } from "../src/storage/memory";
import { FakeApi } from "./fakeApi";
import { BASE_URL } from "./helpers";

const mockSecrets = new Map<string, string>();
jest.mock("../src/secureStorage", () => ({
  readSecret: async (key: string) => mockSecrets.get(key) ?? null,
  writeSecret: async (key: string, value: string | null) => {
    if (value === null) mockSecrets.delete(key);
    else mockSecrets.set(key, value);
  },
}));

beforeEach(() => mockSecrets.clear());

async function settle(event: () => void) {
  await act(async () => {
    event();
    await new Promise((done) => setTimeout(done, 50));
  });
}

const press = (name: string) => settle(() => fireEvent.press(screen.getByRole("button", { name })));
const type = (label: string, text: string) => settle(() => fireEvent.changeText(screen.getByLabelText(label), text));
const OTHER = "00000000-0000-4000-8000-0000000000aa";

function world() {
  const api = new FakeApi();
  const ada = api.addContact({ first_name: "Ada", last_name: "Lovelace" });
  const disk = memoryData();
  const app = () => (
    <App openStore={async () => new MemoryStore(disk)} fetch={api.fetch as typeof fetch} baseUrl={BASE_URL} lang="en" autoSync={false} />
  );
  return { api, ada, disk, app };
}

async function signIn(app: () => React.JSX.Element) {
  render(app());
  fireEvent.changeText(await screen.findByLabelText("E-mail"), "sales@demo.example");
  fireEvent.changeText(screen.getByLabelText("Password"), "secret");
  await press("Sign in");
  await press("Sync now");
  await screen.findByText("Ada Lovelace");
}

test("deals by stage: mine only, grouped by the pipeline's stages; a lost stage's missing reason shows on the deal, corrected and sent", async () => {
  const { api, app } = world();
  const deal = api.addDeal({ title: "40 units", amount: 120000 });
  api.addDeal({ title: "Big one", stage_id: FakeApi.STAGES.won, status: "won" });
  api.addDeal({ title: "Not mine", owner_id: OTHER });
  await signIn(app);
  await press("My deals");
  expect(await screen.findByText("Lead (1)")).toBeTruthy();
  expect(screen.getByText("Won (1)")).toBeTruthy();
  expect(screen.queryByText("Not mine")).toBeNull();

  await press("Move “40 units” to another stage");
  await press("Move “40 units” to Lost");
  expect(await screen.findByText(/^Not accepted: /)).toBeTruthy();
  expect(api.requests.find((r) => r.path.endsWith("/move"))?.headers.get("if-match")).toBe('"1"');
  await type("lost_reason (say why the deal was lost)", "Went with a competitor");
  await press("Correct and send again");
  await waitFor(() => expect(api.deals.get(String(deal.id))).toMatchObject({ stage_id: FakeApi.STAGES.lost, lost_reason: "Went with a competitor" }));
  expect(await screen.findByText("Lost (1)")).toBeTruthy();
  expect(screen.queryByText("Lead (1)")).toBeNull();
});

test("requests assigned to me: the statuses the API allows, a change pending offline and sent with If-Match", async () => {
  const { api, ada, app } = world();
  const request = api.addRequest({ subject: "Invoice is wrong", contact_id: String(ada.id), due_by: "2020-01-01T09:00:00Z", overdue: true });
  api.addRequest({ subject: "Someone else's", contact_id: String(ada.id), assignee_id: OTHER });
  await signIn(app);
  await press("Requests assigned to me");
  expect(await screen.findByText("Invoice is wrong")).toBeTruthy();
  expect(screen.queryByText("Someone else's")).toBeNull();
  expect(screen.getByText("Ada Lovelace · new")).toBeTruthy();
  expect(screen.getByText(/^response due /)).toBeTruthy();
  expect(screen.getAllByRole("button", { name: /^Set “Invoice is wrong” to / }).map((b) => b.props.accessibilityLabel)).toEqual([
    "Set “Invoice is wrong” to open",
    "Set “Invoice is wrong” to waiting",
    "Set “Invoice is wrong” to resolved",
    "Set “Invoice is wrong” to closed",
  ]);
  api.online = false;
  await press("Set “Invoice is wrong” to resolved");
  expect(await screen.findByText("Pending")).toBeTruthy();
  expect(screen.getByText("Invoice is wrong → resolved")).toBeTruthy();
  api.online = true;
  await press("Sync now");
  await waitFor(() => expect(api.requestsById.get(String(request.id))).toMatchObject({ status: "resolved", version: 2 }));
  expect(api.requests.find((r) => r.method === "PATCH")?.headers.get("if-match")).toBe('"1"');
  expect(await screen.findByText("Ada Lovelace · resolved")).toBeTruthy();
});

test("the contact card shows the timeline from the API, and the last one fetched when offline", async () => {
  const { api, ada, disk, app } = world();
  api.addInteraction({ contact_id: String(ada.id), subject: "Intro call", body: "Wants an offer", occurred_at: "2026-11-24T15:00:00Z" });
  await signIn(app);
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace" }));
  expect(await screen.findByText("Timeline")).toBeTruthy();
  expect(await screen.findByText("Call · Intro call")).toBeTruthy();
  expect(api.requests.some((r) => r.path.startsWith(`/api/v1/contacts/${String(ada.id)}/timeline`))).toBe(true);

  // Restarted with no network: the card shows what it fetched last.
  screen.unmount();
  api.online = false;
  render(
    <App openStore={async () => new MemoryStore(disk)} fetch={api.fetch as typeof fetch} baseUrl={BASE_URL} lang="en" autoSync={false} />,
  );
  fireEvent.press(await screen.findByRole("button", { name: "Open Ada Lovelace" }));
  expect(await screen.findByText("Call · Intro call")).toBeTruthy();
  expect(screen.getByText(/^As of /)).toBeTruthy();
});

test("log what just happened with a next step: the call, then a task due on the day chosen, sent in that order", async () => {
  const { api, ada, app } = world();
  await signIn(app);
  api.online = false;
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace" }));
  fireEvent.press(await screen.findByRole("button", { name: "Log what just happened" }));
  await screen.findByRole("button", { name: "Save Call" });
  await type("Notes", "Wants an offer");
  await type("Next step (optional)", "Send the offer");
  expect(screen.getByRole("button", { name: "Tomorrow" }).props.accessibilityState.selected).toBe(true);
  await press("In 3 days");
  await press("Save Call");
  expect(await screen.findByText("Next step (optional) · Send the offer")).toBeTruthy();
  api.online = true;
  const from = api.requests.length;
  await press("Sync now");
  await waitFor(() => expect([...api.tasks.values()].map((task) => task.title)).toContain("Send the offer"));
  const task = [...api.tasks.values()].find((candidate) => candidate.title === "Send the offer")!;
  expect(task.contact_id).toBe(ada.id);
  const due = new Date(String(task.due_at));
  const expected = new Date();
  expected.setDate(expected.getDate() + 3);
  expect(due.toDateString()).toBe(expected.toDateString());
  const posts = api.requests.slice(from).filter((r) => r.method === "POST" && !r.path.includes("/auth/")).map((r) => r.path);
  expect(posts).toEqual(["/api/v1/interactions", "/api/v1/tasks"]);
  expect(api.interactions[0]).toMatchObject({ body: "Wants an offer", status: "done" });
});

test("My day shows my planned calls and meetings with my tasks, by when they are", async () => {
  const { api, ada, app } = world();
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
  api.addTask({ title: "Send the quote", due_at: "2020-01-01T09:00:00Z", assignee_id: FakeApi.ME });
  api.addInteraction({ contact_id: String(ada.id), status: "planned", channel: "meeting", subject: "Visit the plant", scheduled_at: inAWeek });
  api.addInteraction({ contact_id: String(ada.id), status: "planned", channel: "call", subject: "Not my call", scheduled_at: inAWeek, owner_id: OTHER });
  api.addInteraction({ contact_id: String(ada.id), status: "done", channel: "call", subject: "Old call" });
  await signIn(app);
  await press("My day");
  expect(await screen.findByText("Meeting: Visit the plant")).toBeTruthy();
  expect(screen.queryByText("Call: Not my call")).toBeNull();
  expect(screen.queryByText("Call: Old call")).toBeNull();
  expect(screen.getByText("Later")).toBeTruthy();
  expect(screen.getByText("Overdue")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace: Meeting: Visit the plant" }));
  expect(await screen.findByRole("button", { name: "Log what just happened" })).toBeTruthy();
});

test("a deal moved meanwhile on the server: the conflict names both stages", async () => {
  const { api, app } = world();
  const deal = api.addDeal({ title: "40 units" });
  await signIn(app);
  await press("My deals");
  await screen.findByText("Lead (1)");
  api.moveDeal(String(deal.id), FakeApi.STAGES.lost, "No budget");
  await press("Move “40 units” to another stage");
  await press("Move “40 units” to Won");
  expect(await screen.findByText("Someone else changed this record meanwhile.")).toBeTruthy();
  expect(await screen.findByText("Yours: Won")).toBeTruthy();
  expect(screen.getByText("On the server: Lost")).toBeTruthy();
});
