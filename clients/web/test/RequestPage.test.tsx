import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";

import { ContactPage } from "../src/pages/ContactPage";
import RequestPage from "../src/pages/RequestPage";
import RequestsPage from "../src/pages/Requests";
import { acc, ALL_PERMS, type Call, fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const USERS = [
  { id: "u-me", full_name: "Me Myself", email: "me@x.example", is_active: true },
  { id: "u-2", full_name: "Bea Colleague", email: "bea@x.example", is_active: true },
  { id: "u-3", full_name: "Stan Storekeeper", email: "stan@x.example", is_active: true },
  { id: "u-4", full_name: "Carl Colleague", email: "carl@x.example", is_active: true },
];
// Whom the API lets me assign requests to: not Stan.
const ASSIGNEES = { items: [USERS[0], USERS[3], USERS[1]] };
// Bea's request, in my team t-1: my team/team write level reaches it.
const REQUEST = {
  id: "r-1", contact_id: "c-1", channel: "email", subject: "Wrong invoice", description: "We got 50, ordered 40.",
  status: "open", allowed_statuses: ["pending", "resolved", "closed"], priority: "high", assignee_id: "u-2",
  owner_id: "u-2", team_id: "t-1", due_by: "2026-12-08T12:00:00Z", overdue: false, resolution: "", resolved_at: null,
  closed_at: null, created_at: "2026-12-07T08:00:00Z", updated_at: "2026-12-07T08:30:00Z", version: 4,
};
const HISTORY = {
  items: [
    { from_status: "new", to_status: "open", by: "u-me", at: "2026-12-07T08:30:00Z" },
    { from_status: null, to_status: "new", by: "u-2", at: "2026-12-07T08:00:00Z" },
  ],
};
const CONTACT = { id: "c-1", full_name: "Anna Test", first_name: "Anna", last_name: "Test", emails: [], phones: [], tags: [], custom_fields: {}, lifecycle_stage: "customer", owner_id: "u-me" };

function api(patch: (call: Call) => Response = (call) => json({ ...REQUEST, ...(call.body as object), version: 5 })) {
  return fakeApi({
    "GET /api/v1/requests/r-1": () => json(REQUEST, 200, { ETag: '"4"' }),
    "GET /api/v1/requests/r-1/status-changes": () => json(HISTORY),
    "GET /api/v1/requests/assignees": () => json(ASSIGNEES),
    "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
    "GET /api/v1/contacts/c-1": () => json(CONTACT),
    "PATCH /api/v1/requests/r-1": patch,
  });
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === "PATCH");

async function open(fake = api()) {
  renderScreen(<RequestPage />, { route: "/requests/r-1", path: "/requests/:id", fetch: fake.fetch });
  await screen.findByRole("heading", { level: 1, name: "Wrong invoice" });
  return fake;
}

beforeEach(() => signedIn(ALL_PERMS, undefined, { team: "t-1" }));

describe("request page", () => {
  test("shows the request's fields, its assignee and its status history (from → to, who)", async () => {
    await open();
    const details = screen.getByRole("region", { name: "Details" });
    expect(await within(details).findByRole("link", { name: "Anna Test" })).toHaveAttribute("href", "/contacts/c-1");
    expect(within(details).getByText("We got 50, ordered 40.")).toBeInTheDocument();
    expect(await within(details).findAllByText("Bea Colleague")).toHaveLength(2); // assignee and registrar
    const history = screen.getByRole("region", { name: "Status history" });
    const rows = await within(history).findAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("New → Open");
    expect(rows[1]).toHaveTextContent("registered as New");
    expect(rows[0]).toHaveTextContent("by Me");
    expect(rows[1]).toHaveTextContent("by Bea Colleague");
  });

  test("offers exactly the moves the API allows, in its order, and changes nothing until confirmed", async () => {
    const fake = await open();
    const moves = screen.getByRole("group", { name: "Move to" });
    expect(within(moves).getAllByRole("button").map((b) => b.textContent)).toEqual(["Pending", "Resolved", "Closed"]);
    fireEvent.click(within(moves).getByRole("button", { name: "Pending" }));
    const dialog = screen.getByRole("dialog", { name: "Move “Wrong invoice” to Pending?" });
    expect(patches(fake.calls)).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(patches(fake.calls)).toHaveLength(0);

    fireEvent.click(within(moves).getByRole("button", { name: "Pending" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Move to Pending" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(1));
    const [call] = patches(fake.calls);
    expect(call!.body).toEqual({ status: "pending" });
    expect(call!.headers.get("if-match")).toBe('"4"');
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  test("resolving asks how it was resolved and sends the resolution with the move", async () => {
    const fake = await open();
    fireEvent.click(within(screen.getByRole("group", { name: "Move to" })).getByRole("button", { name: "Resolved" }));
    const dialog = screen.getByRole("dialog", { name: "Move “Wrong invoice” to Resolved?" });
    fireEvent.change(within(dialog).getByLabelText("Resolution"), { target: { value: "Credit note sent" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Move to Resolved" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(1));
    expect(patches(fake.calls)[0]!.body).toEqual({ status: "resolved", resolution: "Credit note sent" });
  });

  test("a move the API refuses (409) is explained in the dialog, which stays open", async () => {
    const fake = await open(api(() => problem(409, "An open request cannot become closed; it can become: pending.", [{ field: "status", message: "allowed: pending" }])));
    fireEvent.click(within(screen.getByRole("group", { name: "Move to" })).getByRole("button", { name: "Closed" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Move to Closed" }));
    expect(await within(screen.getByRole("dialog")).findByRole("alert")).toHaveTextContent("it can become: pending");
    expect(patches(fake.calls)).toHaveLength(1);
  });

  test("“Take it” assigns the request to me; a colleague can be chosen instead, among those the API offers", async () => {
    const fake = await open();
    fireEvent.click(screen.getByRole("button", { name: "Take it" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(1));
    expect(patches(fake.calls)[0]!.body).toEqual({ assignee_id: "u-me" });
    expect(patches(fake.calls)[0]!.headers.get("if-match")).toBe('"4"');
    // The answer says it is mine now: no "Take it" any more.
    await waitFor(() => expect(screen.queryByRole("button", { name: "Take it" })).toBeNull());
    const to = screen.getByLabelText("Assign to");
    expect(within(to).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "Carl Colleague", "Bea Colleague"]);
    fireEvent.change(screen.getByLabelText("Assign to"), { target: { value: "u-2" } });
    fireEvent.click(screen.getByRole("button", { name: "Assign" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(2));
    expect(patches(fake.calls)[1]!.body).toEqual({ assignee_id: "u-2" });
    expect(patches(fake.calls)[1]!.headers.get("if-match")).toBe('"5"');
  });

  test("at own, a colleague's request reads without moves or assignment; one assigned to me offers them", async () => {
    signedIn(ALL_PERMS, undefined, { team: "t-1", acc: acc("ooo") });
    const { unmount } = renderScreen(<RequestPage />, { route: "/requests/r-1", path: "/requests/:id", fetch: api().fetch });
    await screen.findByRole("heading", { level: 1, name: "Wrong invoice" });
    expect(screen.getByRole("region", { name: "Details" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Move to" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Take it" })).toBeNull();
    expect(screen.queryByLabelText("Assign to")).toBeNull();
    unmount();

    // Bea registered it, I have it: the assignee is responsible, so own reaches it.
    const mine = fakeApi({
      "GET /api/v1/requests/r-1": () => json({ ...REQUEST, assignee_id: "u-me" }, 200, { ETag: '"4"' }),
      "GET /api/v1/requests/r-1/status-changes": () => json(HISTORY),
      "GET /api/v1/requests/assignees": () => json(ASSIGNEES),
      "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
      "GET /api/v1/contacts/c-1": () => json(CONTACT),
    });
    renderScreen(<RequestPage />, { route: "/requests/r-1", path: "/requests/:id", fetch: mine.fetch });
    const moves = await screen.findByRole("group", { name: "Move to" });
    expect(within(moves).getAllByRole("button").map((b) => b.textContent)).toEqual(["Pending", "Resolved", "Closed"]);
  });
});

describe("new request", () => {
  test("from a contact's page: the contact is preselected, and the new request's page opens", async () => {
    const fake = fakeApi({
      "GET /api/v1/contacts/c-1": () => json(CONTACT),
      "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
      "GET /api/v1/contacts/c-1/timeline": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts/c-1/duplicates": () => json({ items: [] }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/pipelines": () => json({ items: [] }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
      "GET /api/v1/requests/assignees": () => json(ASSIGNEES),
      "POST /api/v1/requests": (call) => json({ ...REQUEST, ...(call.body as object), id: "r-9", status: "new" }, 201),
    });
    renderScreen(<ContactPage />, {
      route: "/contacts/c-1",
      path: "/contacts/:id",
      fetch: fake.fetch,
      extraRoutes: <Route path="/requests/:id" element={<p>request page</p>} />,
    });
    fireEvent.click(await screen.findByRole("button", { name: "New request" }));
    const dialog = screen.getByRole("dialog", { name: "New request" });
    expect(within(dialog).getByText("Anna Test")).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText("Subject"), { target: { value: "Broken pump" } });
    fireEvent.change(within(dialog).getByLabelText("Received by"), { target: { value: "call" } });
    fireEvent.change(within(dialog).getByLabelText("Priority"), { target: { value: "urgent" } });
    const assignee = within(dialog).getByLabelText("Assignee");
    await within(assignee).findByRole("option", { name: "Carl Colleague" });
    expect(within(assignee).getAllByRole("option").map((o) => o.textContent)).toEqual(["Automatic", "Me", "Carl Colleague", "Bea Colleague"]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Create" }));
    expect(await screen.findByText("request page")).toBeInTheDocument();
    const post = fake.calls.find((c) => c.method === "POST")!;
    // Nobody named: who gets it is the API's decision.
    expect(post.body).toEqual({ contact_id: "c-1", channel: "call", subject: "Broken pump", description: null, priority: "urgent" });
  });

  test("from the Requests page, whose rows open each request's page", async () => {
    const fake = fakeApi({
      "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
      "GET /api/v1/requests": () => json({ items: [REQUEST], next_cursor: null }),
      "GET /api/v1/contacts/c-1": () => json(CONTACT),
    });
    renderScreen(<RequestsPage />, { route: "/requests", path: "/requests", fetch: fake.fetch });
    expect(await screen.findByRole("link", { name: "Wrong invoice" })).toHaveAttribute("href", "/requests/r-1");
    // The status is shown, not changed on selection.
    expect(screen.queryByRole("combobox", { name: /Change the status/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "New request" }));
    const dialog = screen.getByRole("dialog", { name: "New request" });
    expect(within(dialog).getByRole("combobox", { name: "Contact" })).toBeInTheDocument();
  });
});
