import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import { ContactPage } from "../src/pages/ContactPage";
import { acc, ALL_PERMS, type Call, fakeApi, json, renderScreen, signedIn } from "./helpers";

const USERS = [
  { id: "u-me", full_name: "Me Myself", email: "me@x.example", is_active: true },
  { id: "u-2", full_name: "Bea Colleague", email: "bea@x.example", is_active: true },
];
const CONTACT = { id: "c-1", full_name: "Anna Test", first_name: "Anna", last_name: "Test", emails: [], phones: [], tags: [], custom_fields: {}, lifecycle_stage: "customer", owner_id: "u-me" };
// The request as it is now: closed. Each timeline entry carries it, plus the move it records.
const REQUEST = {
  id: "r-1", contact_id: "c-1", channel: "email", subject: "Wrong invoice", description: "", status: "closed",
  allowed_statuses: ["open"], priority: "normal", assignee_id: "u-me", owner_id: "u-me", team_id: null, due_by: null,
  overdue: false, resolution: "Credit note", resolved_at: null, closed_at: null, created_at: "2026-12-01T08:00:00Z",
  updated_at: "2026-12-03T08:00:00Z", version: 4,
};
const move = (id: string, from: string | null, to: string, by: string, at: string) => ({
  type: "request", at, id, request: REQUEST, change: { from_status: from, to_status: to, by, at },
});
const LONG = `Talked through the spring price list at length. ${"They want an offer for forty units, delivered before March. ".repeat(4)}END-OF-NOTES`;
const interaction = (id: string, extra: object) => ({
  type: "interaction", id, at: "2026-12-04T10:00:00Z",
  interaction: {
    id, channel: "call", direction: "outbound", status: "done", subject: "Intro call", body: "", outcome: null, scheduled_at: null,
    occurred_at: "2026-12-04T10:00:00Z", at: "2026-12-04T10:00:00Z", duration_minutes: null, contact_id: "c-1", company_id: null,
    deal_id: null, request_id: null, contact_ids: [], user_ids: [], owner_id: "u-2", team_id: null, created_at: "2026-12-04T10:00:00Z",
    updated_at: "2026-12-04T10:00:00Z", version: 2, ...extra,
  },
});
const TASK = {
  type: "task", id: "t-1", at: "2026-12-09T09:00:00Z",
  task: { id: "t-1", title: "Send the offer", status: "open", due_at: "2026-12-09T09:00:00Z", contact_id: "c-1", assignee_id: "u-me", version: 7 },
};

function api(items: unknown[]) {
  return fakeApi({
    "GET /api/v1/contacts/c-1": () => json(CONTACT),
    "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
    "GET /api/v1/contacts/c-1/timeline": () => json({ items, next_cursor: null }),
    "GET /api/v1/contacts/c-1/duplicates": () => json({ items: [] }),
    "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
    "GET /api/v1/pipelines": () => json({ items: [] }),
    "GET /api/v1/interaction-outcomes": () => json({ items: [{ key: "interested", label: "Interested", position: 1, active: true }] }),
    "POST /api/v1/interactions/i-2/complete": (call: Call) => json({ id: "i-2", ...(call.body as object) }),
    "PATCH /api/v1/tasks/t-1": () => json({ ...TASK.task, status: "done", version: 8 }),
  });
}

async function timeline(items: unknown[]) {
  const fake = api(items);
  renderScreen(<ContactPage />, { route: "/contacts/c-1", path: "/contacts/:id", fetch: fake.fetch });
  const section = await screen.findByRole("region", { name: "Timeline" });
  await within(section).findAllByRole("listitem");
  return { fake, section };
}

beforeEach(() => signedIn());

describe("contact timeline", () => {
  test("each status change of a request is one row showing that change (from → to, who), not the current status", async () => {
    const { section } = await timeline([
      move("m-3", "resolved", "closed", "u-me", "2026-12-03T08:00:00Z"),
      move("m-2", "open", "resolved", "u-2", "2026-12-02T08:00:00Z"),
      move("m-1", null, "open", "u-2", "2026-12-01T08:00:00Z"),
    ]);
    const rows = within(section).getAllByRole("listitem");
    expect(rows).toHaveLength(3);
    await waitFor(() => expect(rows[1]).toHaveTextContent("by Bea Colleague"));
    expect(rows[0]).toHaveTextContent("Resolved → Closed");
    expect(rows[0]).toHaveTextContent("by Me");
    expect(rows[1]).toHaveTextContent("Open → Resolved");
    expect(rows[2]).toHaveTextContent("registered as Open");
    expect(rows.filter((r) => /Closed$/.test(r.textContent ?? ""))).toHaveLength(0);
    expect(within(rows[0]!).getByRole("link", { name: "Wrong invoice" })).toHaveAttribute("href", "/requests/r-1");
  });

  test("an interaction shows its author and its notes, shortened until expanded", async () => {
    const { section } = await timeline([interaction("i-1", { body: LONG })]);
    const row = within(section).getByRole("listitem");
    await waitFor(() => expect(row).toHaveTextContent("by Bea Colleague"));
    expect(row).toHaveTextContent("Talked through the spring price list");
    expect(row).not.toHaveTextContent("END-OF-NOTES");
    const more = within(row).getByRole("button", { name: "Show more" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    fireEvent.click(more);
    expect(row).toHaveTextContent("END-OF-NOTES");
    expect(within(row).getByRole("button", { name: "Show less" })).toHaveAttribute("aria-expanded", "true");
  });

  test("a planned call is completed in place with its outcome; an open task is marked done in place", async () => {
    const { fake, section } = await timeline([
      TASK,
      // Bea's call, with me among its participants: mine to complete too.
      interaction("i-2", { status: "planned", subject: "Follow-up call", scheduled_at: "2026-12-08T10:00:00Z", occurred_at: null, user_ids: ["u-2", "u-me"] }),
    ]);
    const [taskRow, callRow] = within(section).getAllByRole("listitem");
    const outcome = await within(callRow!).findByLabelText("Outcome: Follow-up call");
    await within(outcome).findByRole("option", { name: "Interested" });
    fireEvent.change(outcome, { target: { value: "interested" } });
    fireEvent.click(within(callRow!).getByRole("button", { name: "Mark done: Follow-up call" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "POST")).toBe(true));
    const completed = fake.calls.find((c) => c.method === "POST")!;
    expect(completed.path).toBe("/api/v1/interactions/i-2/complete");
    expect(completed.body).toEqual({ outcome: "interested" });
    expect(completed.headers.get("if-match")).toBe('"2"');

    fireEvent.click(within(taskRow!).getByRole("button", { name: "Mark done: Send the offer" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PATCH")).toBe(true));
    const done = fake.calls.find((c) => c.method === "PATCH")!;
    expect(done.body).toEqual({ status: "done" });
    expect(done.headers.get("if-match")).toBe('"7"');
  });

  test("at own, only the tasks and calls one is responsible for are completed in place", async () => {
    signedIn(ALL_PERMS, undefined, { acc: acc("aoo") });
    const bea = (id: string, title: string, extra: object) => ({
      type: "task", id, at: "2026-12-09T09:00:00Z",
      task: { id, title, status: "open", due_at: "2026-12-09T09:00:00Z", contact_id: "c-1", owner_id: "u-2", team_id: null, assignee_id: "u-2", version: 1, ...extra },
    });
    const { section } = await timeline([
      bea("t-2", "Bea's own task", {}),
      bea("t-3", "Bea's task for me", { assignee_id: "u-me" }),
      interaction("i-3", { status: "planned", subject: "Bea's call", occurred_at: null, user_ids: ["u-2"] }),
      interaction("i-4", { status: "planned", subject: "Our call", occurred_at: null, user_ids: ["u-2", "u-me"] }),
    ]);
    const [theirTask, myTask, theirCall, ourCall] = within(section).getAllByRole("listitem");
    expect(within(theirTask!).queryByRole("button")).toBeNull();
    expect(within(myTask!).getByRole("button", { name: "Mark done: Bea's task for me" })).toBeInTheDocument();
    expect(within(theirCall!).queryByRole("button", { name: /Mark done/ })).toBeNull();
    expect(within(theirCall!).queryByLabelText(/Outcome/)).toBeNull();
    expect(within(ourCall!).getByRole("button", { name: "Mark done: Our call" })).toBeInTheDocument();
  });
});
