import { act, fireEvent, render, screen, waitFor } from "@testing-library/react-native";
import { Linking } from "react-native";

import App from "../src/App";
import { translate } from "../src/i18n";
import { SESSION_KEY } from "../src/services";
import { MemoryStore, memoryData } from "../src/storage/memory";
import { FakeApi } from "./fakeApi";
import { BASE_URL } from "./helpers";

// The phone's secure storage, in memory (kept across "restarts" within a test).
const mockSecrets = new Map<string, string>();
jest.mock("../src/secureStorage", () => ({
  readSecret: async (key: string) => mockSecrets.get(key) ?? null,
  writeSecret: async (key: string, value: string | null) => {
    if (value === null) mockSecrets.delete(key);
    else mockSecrets.set(key, value);
  },
}));

beforeEach(() => mockSecrets.clear());

/**
 * Presses a button whose work runs on (sync, queue, sign-in), inside an async act that
 * lets that work settle: started from a plain fireEvent, it could lag behind the polling
 * of waitFor/findBy by seconds.
 */
async function settle(event: () => void) {
  await act(async () => {
    event();
    await new Promise((done) => setTimeout(done, 50));
  });
}

const press = (name: string) => settle(() => fireEvent.press(screen.getByRole("button", { name })));
const type = (label: string, text: string) => settle(() => fireEvent.changeText(screen.getByLabelText(label), text));

function world() {
  const api = new FakeApi();
  const ada = api.addContact({
    first_name: "Ada",
    last_name: "Lovelace",
    title: "Analyst",
    city: "London",
    country: "GB",
    phones: [{ phone: "+44 20 7946 0000", primary: true }],
    emails: [{ email: "ada@engine.example", primary: true }],
  });
  const bob = api.addContact({ first_name: "Bob", last_name: "Stone", city: "Paris" });
  api.addTask({ title: "Send the quote", contact_id: String(ada.id), due_at: "2020-01-01T09:00:00Z", assignee_id: FakeApi.ME });
  api.addTask({ title: "Done already", contact_id: String(ada.id), status: "done" });
  api.addDeal({ title: "40 units", contact_id: String(ada.id), amount: 120000, currency: "EUR" });
  const disk = memoryData();
  const app = () => (
    <App openStore={async () => new MemoryStore(disk)} fetch={api.fetch as typeof fetch} baseUrl={BASE_URL} lang="en" />
  );
  return { api, ada, bob, disk, app };
}

async function signIn(app: () => React.JSX.Element) {
  render(app());
  fireEvent.changeText(await screen.findByLabelText("E-mail"), "sales@demo.example");
  fireEvent.changeText(screen.getByLabelText("Password"), "secret");
  await press("Sign in");
  await screen.findByText("Ada Lovelace");
}

test("sign in, first sync, status line, search as you type", async () => {
  const { app } = world();
  await signIn(app);
  expect(screen.getByText("Bob Stone")).toBeTruthy();
  expect(await screen.findByText(/^Last synced /)).toBeTruthy();
  expect(JSON.parse(mockSecrets.get(SESSION_KEY)!)).toMatchObject({ baseUrl: BASE_URL, tokens: { refreshToken: "refresh-1" } });

  await type("Search", "par");
  await waitFor(() => expect(screen.queryByText("Ada Lovelace")).toBeNull());
  expect(screen.getByText("Bob Stone")).toBeTruthy();
  await type("Search", "nobody");
  expect(await screen.findByText("No contacts match.")).toBeTruthy();
});

test("the contact card calls, writes and opens maps; shows open tasks and deals", async () => {
  const { app } = world();
  const openURL = jest.spyOn(Linking, "openURL").mockResolvedValue(true);
  await signIn(app);
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace" }));
  fireEvent.press(await screen.findByRole("button", { name: "Call +44 20 7946 0000" }));
  expect(await screen.findByText("Send the quote")).toBeTruthy();
  expect(screen.getByText(/^due /)).toBeTruthy();
  expect(screen.queryByText("Done already")).toBeNull();
  expect(screen.getByText("40 units")).toBeTruthy();
  expect(screen.getByText(/1,200\.00 · open$/)).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Write to ada@engine.example" }));
  fireEvent.press(screen.getByRole("button", { name: "Open London, GB in maps" }));
  expect(openURL.mock.calls.map((c) => c[0])).toEqual([
    "tel:+442079460000",
    "mailto:ada@engine.example",
    expect.stringContaining("London%2C%20GB"),
  ]);
});

test("a call logged offline shows as pending, survives a restart and is sent once", async () => {
  const { api, app } = world();
  await signIn(app);
  api.online = false;
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace" }));
  fireEvent.press(await screen.findByRole("button", { name: "Log what just happened" }));
  fireEvent.press(await screen.findByRole("button", { name: "Interested" }));
  fireEvent.changeText(screen.getByLabelText("Notes"), "Wants a quote");
  await press("Save Call");
  expect(await screen.findByText("Call · interested · Wants a quote")).toBeTruthy();
  expect(await screen.findByText("Pending")).toBeTruthy();

  // The app is killed and started again, still offline: the item is still there.
  screen.unmount();
  render(app());
  expect(await screen.findByRole("button", { name: "1 change waiting" })).toBeTruthy();
  expect(screen.getByText(/Ada Lovelace/)).toBeTruthy();

  api.online = true;
  await press("Sync now");
  await waitFor(() => expect(screen.queryByRole("button", { name: "1 change waiting" })).toBeNull());
  expect(api.interactions).toHaveLength(1);
  expect(api.interactions[0]).toMatchObject({ channel: "call", outcome: "interested", body: "Wants a quote", status: "done" });
});

test("a contact created offline, with a call logged on it, reaches the API once online", async () => {
  const { api, app } = world();
  await signIn(app);
  api.online = false;
  fireEvent.press(screen.getByRole("button", { name: "New contact" }));
  fireEvent.changeText(await screen.findByLabelText("First name"), "Nia");
  fireEvent.changeText(screen.getByLabelText("Last name"), "New");
  fireEvent.changeText(screen.getByLabelText("Phone"), "+33 1 23 45 67 89");
  await press("Save");
  expect(await screen.findByText("Nia New")).toBeTruthy(); // its card, at once
  expect(screen.getByText("New contact · Nia New")).toBeTruthy();
  fireEvent.press(screen.getByRole("button", { name: "Log what just happened" }));
  fireEvent.changeText(await screen.findByLabelText("Notes"), "Met at the fair");
  await press("Save Call");
  expect(await screen.findByText("Call · Met at the fair")).toBeTruthy();

  api.online = true;
  await press("Sync now");
  await waitFor(() => expect(screen.queryByText("Pending")).toBeNull());
  const created = [...api.contacts.values()].find((c) => c.full_name === "Nia New")!;
  expect(created.phones).toEqual([{ phone: "+33 1 23 45 67 89" }]);
  expect(api.interactions).toEqual([expect.objectContaining({ contact_id: created.id, body: "Met at the fair" })]);
  expect(screen.getByText("Nia New")).toBeTruthy(); // the card now shows the API's copy
  expect(screen.getByRole("button", { name: "Call +33 1 23 45 67 89" })).toBeTruthy();
});

test("completing a task: pending at once, sent with If-Match; a 412 shows both versions", async () => {
  const { api, app } = world();
  await signIn(app);
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace" }));
  const task = [...api.tasks.values()].find((t) => t.title === "Send the quote")!;
  await screen.findByRole("button", { name: "Mark “Send the quote” done" });
  api.online = false;
  await press("Mark “Send the quote” done");
  expect(await screen.findByText("Done · Send the quote")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Mark “Send the quote” done" })).toBeNull();
  api.updateTask(String(task.id), { title: "Send the quote", priority: "high" }); // someone else, meanwhile
  api.online = true;
  await press("Sync now");
  expect(await screen.findByText("Someone else changed this record meanwhile.")).toBeTruthy();
  expect(screen.getByText("Yours: done")).toBeTruthy();
  expect(screen.getByText("On the server: open")).toBeTruthy();
  await press("Keep mine");
  await waitFor(() => expect(screen.queryByText("Send the quote")).toBeNull());
  expect(api.tasks.get(String(task.id))).toMatchObject({ status: "done", version: 3 });
  const patches = api.requests.filter((r) => r.method === "PATCH").map((r) => r.headers.get("if-match"));
  expect(patches).toEqual(['"1"', '"1"', '"2"']); // offline, then the 412, then over version 2
});

test("My day: my open tasks, overdue first; one opens its contact", async () => {
  const { api, bob, app } = world();
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const inAnHour = new Date(Date.now() + 3_600_000);
  api.addTask({ title: "Plan the visit", due_at: inAWeek, assignee_id: FakeApi.ME, contact_id: String(bob.id) });
  api.addTask({ title: "Someone else's", due_at: "2020-01-01T09:00:00Z", assignee_id: "00000000-0000-4000-8000-0000000000aa" });
  api.addTask({ title: "Finished", assignee_id: FakeApi.ME, status: "done" });
  const sameDay = inAnHour.getDate() === new Date().getDate();
  if (sameDay) api.addTask({ title: "Call before noon", due_at: inAnHour.toISOString(), assignee_id: FakeApi.ME });
  await signIn(app);
  await press("My day");
  expect(await screen.findByText("Send the quote")).toBeTruthy();
  const titles = screen.getAllByText(/^(Send the quote|Plan the visit|Call before noon|Someone else's|Finished)$/).map((n) => n.props.children);
  expect(titles).toEqual(sameDay ? ["Send the quote", "Call before noon", "Plan the visit"] : ["Send the quote", "Plan the visit"]);
  expect(screen.getByText("Overdue")).toBeTruthy();
  expect(screen.getByText("Later")).toBeTruthy();
  fireEvent.press(screen.getByText("Plan the visit"));
  expect(await screen.findByText("Bob Stone")).toBeTruthy();
});

test("a 4xx shows the API's problem on the item", async () => {
  const { api, ada, app } = world();
  await signIn(app);
  api.online = false;
  fireEvent.press(screen.getByRole("button", { name: "Open Ada Lovelace" }));
  fireEvent.press(await screen.findByRole("button", { name: "Log what just happened" }));
  await screen.findByRole("button", { name: "Save Call" });
  await press("Save Call");
  await screen.findByText("Pending");
  api.contacts.delete(String(ada.id)); // gone on the server before the call got there
  api.online = true;
  await press("Sync now");
  expect(await screen.findByText("Not accepted: Invalid input: contact_id.")).toBeTruthy();
  expect(screen.getByRole("button", { name: "Send again" })).toBeTruthy();
});

test("a 412 shows the conflict with both versions; keeping mine sends it", async () => {
  const { api, ada, disk, app } = world();
  await signIn(app);
  api.online = false;
  // A contact edit queued earlier against version 1 (the edit screen comes in a later increment).
  await new MemoryStore(disk).enqueue({
    id: "edit-1",
    kind: "contact.update",
    recordId: String(ada.id),
    payload: { title: "CTO" },
    idempotencyKey: "k-1",
    ifMatch: 1,
    status: "pending",
    error: null,
    serverData: null,
    attempts: 0,
    createdAt: "2026-12-08T00:00:00Z",
  });
  api.updateContact(String(ada.id), { title: "CEO" });
  api.online = true;
  await press("Sync now");
  fireEvent.press(await screen.findByRole("button", { name: "1 change waiting" }));
  expect(await screen.findByText("Someone else changed this record meanwhile.")).toBeTruthy();
  expect(screen.getByText("Yours: CTO")).toBeTruthy();
  expect(screen.getByText("On the server: CEO")).toBeTruthy();
  await press("Keep mine");
  expect(await screen.findByText("Everything is sent.")).toBeTruthy();
  expect(api.contacts.get(String(ada.id))).toMatchObject({ title: "CTO", version: 3 });
});

test("sign-out revokes the session and clears the phone's data", async () => {
  const { api, disk, app } = world();
  await signIn(app);
  await press("Sign out");
  expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
  expect(mockSecrets.has(SESSION_KEY)).toBe(false);
  expect(disk.records.get("contact")?.size ?? 0).toBe(0);
  expect(disk.meta.size).toBe(0);
  expect(api.requests.some((r) => r.path === "/api/v1/auth/logout")).toBe(true);
});

test("a refused refresh asks to sign in again and keeps queued writes", async () => {
  const { api, app, disk } = world();
  await signIn(app);
  api.expired.add(api.accessToken);
  api.refreshToken = "revoked";
  await new MemoryStore(disk).enqueue({
    id: "w-1",
    kind: "interaction.create",
    recordId: null,
    payload: { channel: "call" },
    idempotencyKey: "k",
    ifMatch: null,
    status: "pending",
    error: null,
    serverData: null,
    attempts: 0,
    createdAt: "2026-12-08T00:00:00Z",
  });
  await press("Sync now");
  expect(await screen.findByText("Your session has expired. Please sign in again.")).toBeTruthy();
  expect(disk.queue).toHaveLength(1);
  expect(disk.records.get("contact")?.size).toBe(2);
});

test("five languages: the phone's language picks the dictionary", () => {
  const { detectLanguage } = jest.requireActual("../src/i18n") as typeof import("../src/i18n");
  expect(detectLanguage(["de-AT", "en-US"])).toBe("de");
  expect(detectLanguage(["pt-BR", "zh-Hans-CN"])).toBe("zh");
  expect(detectLanguage(["pt-BR"])).toBe("en");
  expect(translate("ru", "queue.count", { count: 3 })).toBe("3 изменения ждут");
  expect(translate("ru", "queue.count", { count: 5 })).toBe("5 изменений ждут");
  expect(translate("fr", "contacts.title")).toBe("Contacts");
  expect(translate("de", "sync.last", { when: "gestern" })).toBe("Zuletzt abgeglichen gestern");
});

test("German device, dark mode: the app renders in German", async () => {
  const { app } = world();
  void app;
  const api = new FakeApi();
  render(<App openStore={async () => new MemoryStore()} fetch={api.fetch as typeof fetch} baseUrl={BASE_URL} lang="de" />);
  expect(await screen.findByRole("button", { name: "Anmelden" })).toBeTruthy();
  expect(screen.getByLabelText("Passwort")).toBeTruthy();
});
