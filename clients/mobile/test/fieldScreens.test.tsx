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
