import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import { groupAgenda, MyDayPage, snoozedUntil, startOfDay } from "../src/pages/MyDay";
import { type Call, fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
/** `hours` after today's midnight in the browser's time zone. */
const todayAt = (hours: number) => at(startOfDay(new Date()).getTime() + hours * HOUR);
const dayAt = (days: number, hours: number) => at(startOfDay(new Date(), days).getTime() + hours * HOUR);

const task = (id: string, title: string, due: string, extra: Record<string, unknown> = {}) => ({
  id, title, description: "", due_at: due, remind_at: null, priority: "normal", status: "open", assignee_id: "u-me",
  owner_id: "u-me", team_id: null, contact_id: null, company_id: null, deal_id: null, request_id: null, labels: [],
  completed_at: null, reminder_acknowledged_at: null, created_at: due, updated_at: due, version: 3, ...extra,
});
const call = (id: string, subject: string, scheduled: string) => ({
  id, channel: "call", direction: "outbound", status: "planned", subject, body: "", outcome: null, scheduled_at: scheduled,
  occurred_at: null, at: scheduled, duration_minutes: null, contact_id: "c-1", company_id: null, deal_id: null,
  request_id: null, contact_ids: [], user_ids: [], owner_id: "u-me", team_id: null, created_at: scheduled,
  updated_at: scheduled, version: 2,
});
type Item = Record<string, unknown>;
const taskItem = (t: ReturnType<typeof task>, overdue = false, about: Item = {}): Item => ({
  type: "task", at: t.due_at, overdue, interaction: null, task: t, contact: null, company: null, deal: null, ...about,
});
const callItem = (i: ReturnType<typeof call>, overdue = false, about: Item = {}): Item => ({
  type: "interaction", at: i.scheduled_at, overdue, interaction: i, task: null, contact: null, company: null, deal: null, ...about,
});

const OUTCOMES = [
  { key: "interested", label: "Interested", position: 0, active: true },
  { key: "no_answer", label: "No answer", position: 1, active: true },
];

function api(items: () => Item[], routes: Record<string, (c: Call) => Response> = {}) {
  return fakeApi({
    "GET /api/v1/me/agenda": () => json({ items: items() }),
    "GET /api/v1/me/reminders": () => json([]),
    "GET /api/v1/interaction-outcomes": () => json({ items: OUTCOMES }),
    ...routes,
  });
}

const render = (fake: ReturnType<typeof api>) =>
  renderScreen(<MyDayPage />, { route: "/my-day", path: "/my-day", fetch: fake.fetch });
const section = (name: RegExp) => screen.getByRole("region", { name });
const row = (title: string) => screen.getByText(title, { selector: ".agenda-title > span" }).closest("li")!;
const agendaLoads = (calls: Call[]) => calls.filter((c) => c.path === "/api/v1/me/agenda").length;

beforeEach(() => signedIn());

describe("my day", () => {
  test("each row names whom it is about: the contact linked to its page, the company and the deal", async () => {
    const offer = task("t-1", "Send the offer", todayAt(23.5), { contact_id: "c-1", deal_id: "d-1" });
    const fake = api(() => [
      taskItem(offer, false, {
        contact: { id: "c-1", name: "Anna Berg" },
        company: { id: "co-1", name: "Acme GmbH" },
        deal: { id: "d-1", name: "Pilot for Acme" },
      }),
    ]);
    render(fake);
    const line = await screen.findByRole("link", { name: "Anna Berg" });
    expect(line.getAttribute("href")).toBe("/contacts/c-1");
    const entry = row("Send the offer");
    expect(within(entry).getByRole("link", { name: "Acme GmbH" }).getAttribute("href")).toBe("/companies/co-1");
    expect(within(entry).getByRole("link", { name: "Pilot for Acme" }).getAttribute("href")).toBe("/deals/d-1");
  });

  test("items are grouped into Overdue, Today, Tomorrow and Later by the browser's days, each with its count", async () => {
    const now = new Date();
    const items = [
      taskItem(task("t-old", "Chase invoice", at(now.getTime() - 2 * 24 * HOUR)), true),
      taskItem(task("t-today", "Send the offer", todayAt(23.9))),
      callItem(call("i-tomorrow", "Call Anna", dayAt(1, 10))),
      taskItem(task("t-later", "Prepare the demo", dayAt(3, 10))),
    ];
    render(api(() => items));
    await screen.findByText("Chase invoice");
    expect(within(section(/^Overdue/)).getByText("Chase invoice")).toBeTruthy();
    expect(within(section(/^Today/)).getByText("Send the offer")).toBeTruthy();
    expect(within(section(/^Tomorrow/)).getByText("Call Anna")).toBeTruthy();
    expect(within(section(/^Later/)).getByText("Prepare the demo")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: /^Today/ }).textContent).toContain("1 item");
    const groups = groupAgenda(items as never, now);
    expect(Object.values(groups).map((g) => g.length)).toEqual([1, 1, 1, 1]);
  });

  test("snoozing a task an hour PATCHes its due time with If-Match, then reloads", async () => {
    let version = 3;
    const offer = () => task("t-1", "Send the offer", todayAt(23.9), { version });
    const fake = api(() => [taskItem(offer())], {
      "PATCH /api/v1/tasks/t-1": () => {
        version += 1;
        return json(offer());
      },
    });
    render(fake);
    await screen.findByText("Send the offer");
    const loadsBefore = agendaLoads(fake.calls);
    const entry = row("Send the offer");
    fireEvent.click(within(entry).getByText("Snooze or reschedule"));
    const before = Date.now();
    fireEvent.click(within(entry).getByRole("button", { name: "+1 hour" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = fake.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("if-match")).toBe('"3"');
    const due = new Date((patch.body as { due_at: string }).due_at).getTime();
    expect(due - before).toBeGreaterThanOrEqual(HOUR - 1000);
    expect(due - before).toBeLessThan(HOUR + 5000);
    await waitFor(() => expect(agendaLoads(fake.calls)).toBeGreaterThan(loadsBefore));
    expect(await screen.findByRole("status")).toHaveTextContent(/Send the offer: moved to/);
  });

  test("rescheduling a planned call PATCHes its scheduled time to the picked local date and time", async () => {
    const fake = api(() => [callItem(call("i-1", "Call Anna", todayAt(23.5)))], {
      "PATCH /api/v1/interactions/i-1": () => json(call("i-1", "Call Anna", dayAt(2, 14))),
    });
    render(fake);
    await screen.findByText("Call Anna");
    const entry = row("Call Anna");
    fireEvent.click(within(entry).getByText("Snooze or reschedule"));
    fireEvent.change(within(entry).getByLabelText("New date and time"), { target: { value: "2027-03-04T14:30" } });
    fireEvent.click(within(entry).getByRole("button", { name: "Reschedule" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = fake.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("if-match")).toBe('"2"');
    expect(patch.body).toEqual({ scheduled_at: new Date(2027, 2, 4, 14, 30).toISOString() });
    await waitFor(() => expect(entry.querySelector("details")!.open).toBe(false));
  });

  test("a stale write (412) reloads My day and asks to try again", async () => {
    const fake = api(() => [taskItem(task("t-1", "Send the offer", todayAt(23.9)))], {
      "PATCH /api/v1/tasks/t-1": () => problem(412, "stale"),
    });
    render(fake);
    await screen.findByText("Send the offer");
    const loadsBefore = agendaLoads(fake.calls);
    const entry = row("Send the offer");
    fireEvent.click(within(entry).getByText("Snooze or reschedule"));
    fireEvent.click(within(entry).getByRole("button", { name: "Next week" }));
    expect(await screen.findByText(/Someone else changed this item meanwhile/)).toBeTruthy();
    await waitFor(() => expect(agendaLoads(fake.calls)).toBeGreaterThan(loadsBefore));
  });

  test("Done on a planned call says why it is disabled until an outcome is chosen, then completes with it", async () => {
    const fake = api(() => [callItem(call("i-1", "Call Anna", todayAt(23.5)))], {
      "POST /api/v1/interactions/i-1/complete": () => json({ ...call("i-1", "Call Anna", todayAt(23.5)), status: "done" }),
    });
    render(fake);
    await screen.findByText("Call Anna");
    const entry = row("Call Anna");
    const done = within(entry).getByRole("button", { name: "Done" });
    expect(done).toBeDisabled();
    expect(done).toHaveAccessibleDescription(/Choose an outcome first/);
    await screen.findByRole("option", { name: "Interested" });
    fireEvent.change(within(entry).getByLabelText("Outcome: Call Anna"), { target: { value: "interested" } });
    expect(done).toBeEnabled();
    expect(done).not.toHaveAccessibleDescription(/Choose an outcome/);
    fireEvent.click(done);
    await waitFor(() => expect(fake.calls.some((c) => c.path === "/api/v1/interactions/i-1/complete")).toBe(true));
    expect(fake.calls.find((c) => c.path === "/api/v1/interactions/i-1/complete")!.body).toEqual({ outcome: "interested" });
  });

  test("a task's Done needs no outcome and has no hint", async () => {
    render(api(() => [taskItem(task("t-1", "Send the offer", todayAt(23.9)))]));
    await screen.findByText("Send the offer");
    const done = within(row("Send the offer")).getByRole("button", { name: "Done" });
    expect(done).toBeEnabled();
    expect(done).not.toHaveAttribute("aria-describedby");
  });

  test("Add task: title, due time and a contact found by typing are sent to the API", async () => {
    let items: Item[] = [];
    const fake = api(() => items, {
      "GET /api/v1/contacts": (c) =>
        json({
          items: c.search.get("q") === "Ann" ? [{ id: "c-1", full_name: "Anna Berg", emails: [{ email: "anna@x.example" }] }] : [],
          next_cursor: null,
        }),
      "POST /api/v1/tasks": (c) => {
        const body = c.body as { title: string; due_at: string };
        items = [taskItem(task("t-new", body.title, body.due_at))];
        return json(task("t-new", body.title, body.due_at), 201);
      },
    });
    render(fake);
    fireEvent.click(await screen.findByRole("button", { name: "Add task" }));
    const dialog = screen.getByRole("dialog", { name: "Add task" });
    fireEvent.change(within(dialog).getByLabelText(/^Title/), { target: { value: "Send the price list" } });
    fireEvent.change(within(dialog).getByLabelText("Due"), { target: { value: "2027-03-04T09:15" } });
    const picker = within(dialog).getByRole("combobox", { name: "Contact (optional)" });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: "Ann" } });
    fireEvent.mouseDown(await within(dialog).findByRole("option", { name: /Anna Berg/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Add task" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({
      title: "Send the price list",
      due_at: new Date(2027, 2, 4, 9, 15).toISOString(),
      contact_id: "c-1",
    });
    expect(fake.calls.find((c) => c.path === "/api/v1/contacts")!.search.get("q")).toBe("Ann");
    expect(await screen.findByText("Task added.")).toBeTruthy();
    expect(await screen.findByText("Send the price list")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  test("Add task shows the API's field error at the title", async () => {
    const fake = api(() => [], {
      "POST /api/v1/tasks": () => problem(422, "invalid", [{ field: "title", message: "must not be blank", code: "required" }]),
    });
    render(fake);
    fireEvent.click(await screen.findByRole("button", { name: "Add task" }));
    const dialog = screen.getByRole("dialog", { name: "Add task" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add task" }));
    const title = within(dialog).getByLabelText(/^Title/);
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
  });

  test("snooze times: an hour on, tomorrow at 9:00, next Monday at 9:00 (a week on from a Monday)", () => {
    const wednesday = new Date(2027, 2, 3, 16, 20);
    expect(snoozedUntil("hour", wednesday)).toEqual(new Date(2027, 2, 3, 17, 20));
    expect(snoozedUntil("tomorrow", wednesday)).toEqual(new Date(2027, 2, 4, 9, 0));
    expect(snoozedUntil("nextWeek", wednesday)).toEqual(new Date(2027, 2, 8, 9, 0));
    expect(snoozedUntil("nextWeek", new Date(2027, 2, 8, 8, 0))).toEqual(new Date(2027, 2, 15, 9, 0));
    expect(snoozedUntil("nextWeek", new Date(2027, 2, 7, 8, 0))).toEqual(new Date(2027, 2, 8, 9, 0));
  });
});
