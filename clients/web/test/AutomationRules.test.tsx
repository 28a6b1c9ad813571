import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage from "../src/pages/Admin";
import { STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

function signInAs(perms: string[]) {
  const token = fakeToken(perms, { rank: 100, acc: acc("aaa") });
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

const stage = (id: string, name: string, kind: string, position: number) => ({ id, name, kind, position, probability: 50, rotting_days: null });
const PIPELINE = {
  id: "p-1", name: "Sales", is_default: true, version: 1,
  stages: [stage("s-new", "New", "open", 0), stage("s-qual", "Qualified", "open", 1), stage("s-won", "Won", "won", 2), stage("s-lost", "Lost", "lost", 3)],
};
const NONE = { stage_id: null, lost_reason: null, title: null, due_in_days: null, team_id: null, stage: null, tag: null };
const RULE = {
  id: "rule-1", name: "Qualify interested callers", enabled: true,
  trigger: { type: "interaction_completed", stage_id: null, days: null },
  conditions: [{ field: "outcome", op: "equals", value: "interested" }],
  actions: [{ ...NONE, type: "add_tag", tag: "hot" }],
  created_by: "u-me", created_at: "2026-12-01T09:00:00Z", updated_at: "2026-12-01T09:00:00Z", version: 4,
};
const VOCABULARY = {
  triggers: [
    {
      type: "interaction_completed", record_type: "interaction", needs_stage: false, needs_days: false,
      fields: [
        { name: "channel", kind: "choice", choices: ["call", "email"], operators: ["equals", "in"] },
        { name: "outcome", kind: "outcome", choices: ["interested", "no_answer"], operators: ["equals", "in"] },
        { name: "duration_minutes", kind: "number", choices: [], operators: ["equals", "in", "greater_than"] },
      ],
      actions: [
        { type: "move_deal_to_stage", parameters: ["stage_id", "lost_reason"], stage_kinds: ["open"] },
        { type: "create_task", parameters: ["title", "due_in_days"], stage_kinds: [] },
        { type: "add_tag", parameters: ["tag"], stage_kinds: [] },
      ],
    },
    {
      type: "deal_idle_in_stage", record_type: "deal", needs_stage: true, needs_days: true,
      fields: [{ name: "amount", kind: "number", choices: [], operators: ["equals", "in", "greater_than"] }],
      actions: [
        { type: "move_deal_to_stage", parameters: ["stage_id", "lost_reason"], stage_kinds: ["open", "won", "lost"] },
        { type: "assign_owner_round_robin", parameters: ["team_id"], stage_kinds: [] },
      ],
    },
  ],
};

function api(extra: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
  return fakeApi({
    "GET /api/v1/automation-rules": () => json({ items: [RULE], next_cursor: null }),
    "GET /api/v1/automation-rules/vocabulary": () => json(VOCABULARY),
    "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
    "GET /api/v1/interaction-outcomes": () =>
      json({ items: [{ key: "interested", label: "Interested", position: 1, active: true }, { key: "no_answer", label: "No answer", position: 2, active: true }] }),
    "GET /api/v1/teams": () => json({ items: [{ id: "t-1", name: "North" }], next_cursor: null }),
    "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
    ...extra,
  });
}

async function openAutomation() {
  fireEvent.click(await screen.findByRole("button", { name: "Automation rules" }));
  return screen.findByRole("region", { name: "Automation rules" });
}

const PERMS = ["deals:read", "interactions:read", "users:read", "automation:manage"];

describe("automation rules", () => {
  test("the tab needs automation:manage", async () => {
    signInAs(["deals:read", "pipelines:manage"]);
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api().fetch });
    await screen.findByRole("button", { name: "Pipelines" });
    expect(screen.queryByRole("button", { name: "Automation rules" })).toBeNull();
  });

  test("rules are listed with their trigger in words, switched off with If-Match, and deleted after a confirmation", async () => {
    signInAs(PERMS);
    let deleted = false;
    const fake = api({
      "PATCH /api/v1/automation-rules/rule-1": (call) => json({ ...RULE, ...(call.body as object), version: 5 }),
      "DELETE /api/v1/automation-rules/rule-1": () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    const section = await openAutomation();
    const row = (await within(section).findByRole("rowheader", { name: "Qualify interested callers" })).closest("tr")!;
    expect(within(row).getByText("An interaction is logged as done")).toBeInTheDocument();
    expect(within(row).getByText("Enabled")).toBeInTheDocument();
    fireEvent.click(within(row).getByRole("button", { name: "Disable: Qualify interested callers" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = fake.calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toEqual({ enabled: false });
    expect(patch.headers.get("if-match")).toBe('"4"');

    fireEvent.click(within(row).getByRole("button", { name: "Delete: Qualify interested callers" }));
    const dialog = screen.getByRole("dialog", { name: "Delete the rule “Qualify interested callers”?" });
    expect(deleted).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(deleted).toBe(true));
    expect(fake.calls.find((c) => c.method === "DELETE")!.headers.get("if-match")).toBe('"4"');
  });

  test("a new rule offers only what the API allows for its trigger, and the API's problems show at their fields", async () => {
    signInAs(PERMS);
    let posts = 0;
    const fake = api({
      "POST /api/v1/automation-rules": () =>
        ++posts === 1
          ? problem(422, "The rule does not hold together.", [
              { field: "actions.1.title", message: "required for create_task", code: "required", params: {} },
              { field: "conditions.0.value", message: "must be one of interested, no_answer", code: "invalid", params: {} },
            ])
          : json({ ...RULE, id: "rule-2" }, 201),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    await openAutomation();
    fireEvent.click(screen.getByRole("button", { name: "New rule" }));
    const form = await screen.findByRole("form", { name: "New rule" });
    fireEvent.change(within(form).getByLabelText("Rule name"), { target: { value: "Call back" } });
    fireEvent.change(within(form).getByLabelText("Trigger"), { target: { value: "interaction_completed" } });
    // No stage or days for this trigger.
    expect(within(form).queryByLabelText("Stage")).toBeNull();
    expect(within(form).queryByLabelText("Days in the stage")).toBeNull();

    fireEvent.click(within(form).getByRole("button", { name: "Add a condition" }));
    const field = within(form).getByLabelText("Condition 1: field");
    expect(within(field).getAllByRole("option").map((o) => o.textContent)).toEqual(["Channel", "Outcome", "Duration (minutes)"]);
    fireEvent.change(field, { target: { value: "outcome" } });
    const op = within(form).getByLabelText("Condition 1: test");
    // greater_than only where the API offers it (numbers).
    expect(within(op).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["equals", "in"]);
    fireEvent.change(op, { target: { value: "in" } });
    const values = within(form).getByRole("group", { name: "Condition 1: value" });
    fireEvent.click(await within(values).findByLabelText("Interested"));
    fireEvent.click(within(values).getByLabelText("No answer"));

    // The interaction trigger takes no round robin; a move goes to open stages only.
    const type1 = within(form).getByLabelText("Action 1");
    expect(within(type1).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["", "move_deal_to_stage", "create_task", "add_tag"]);
    fireEvent.change(type1, { target: { value: "move_deal_to_stage" } });
    const target = within(form).getByLabelText("Action 1: move to stage");
    expect(within(target).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "New", "Qualified"]);
    fireEvent.change(target, { target: { value: "s-qual" } });
    expect(within(form).queryByLabelText("Action 1: lost reason")).toBeNull();
    fireEvent.click(within(form).getByRole("button", { name: "Add an action" }));
    fireEvent.change(within(form).getByLabelText("Action 2"), { target: { value: "create_task" } });
    fireEvent.change(within(form).getByLabelText("Action 2: due after (days)"), { target: { value: "2" } });

    fireEvent.click(within(form).getByRole("button", { name: "Create the rule" }));
    const title = await within(form).findByLabelText("Action 2: task title");
    await waitFor(() => expect(title).toHaveAttribute("aria-invalid", "true"));
    expect(within(form).getByRole("group", { name: "Condition 1: value" })).toHaveClass("field-invalid");
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "Call back",
      enabled: true,
      trigger: { type: "interaction_completed" },
      conditions: [{ field: "outcome", op: "in", value: ["interested", "no_answer"] }],
      actions: [
        { type: "move_deal_to_stage", stage_id: "s-qual" },
        { type: "create_task", title: null, due_in_days: 2 },
      ],
    });
    fireEvent.change(title, { target: { value: "Call back" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create the rule" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "New rule" })).toBeNull());
    expect(fake.calls.filter((c) => c.method === "POST")[1]!.body).toMatchObject({
      actions: [{ type: "move_deal_to_stage" }, { type: "create_task", title: "Call back", due_in_days: 2 }],
    });
  });

  test("a deal trigger names its stage and days; a move to a lost stage asks for the reason", async () => {
    signInAs(PERMS);
    const fake = api({ "POST /api/v1/automation-rules": () => json({ ...RULE, id: "rule-3" }, 201) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    await openAutomation();
    fireEvent.click(screen.getByRole("button", { name: "New rule" }));
    const form = await screen.findByRole("form", { name: "New rule" });
    fireEvent.change(within(form).getByLabelText("Rule name"), { target: { value: "Stale" } });
    fireEvent.change(within(form).getByLabelText("Trigger"), { target: { value: "deal_idle_in_stage" } });
    fireEvent.change(within(form).getByLabelText("Stage"), { target: { value: "s-new" } });
    fireEvent.change(within(form).getByLabelText("Days in the stage"), { target: { value: "14" } });
    fireEvent.change(within(form).getByLabelText("Action 1"), { target: { value: "move_deal_to_stage" } });
    fireEvent.change(within(form).getByLabelText("Action 1: move to stage"), { target: { value: "s-lost" } });
    fireEvent.change(within(form).getByLabelText("Action 1: lost reason"), { target: { value: "Went quiet" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create the rule" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "POST")).toBe(true));
    expect(fake.calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "Stale",
      enabled: true,
      trigger: { type: "deal_idle_in_stage", stage_id: "s-new", days: 14 },
      conditions: [],
      actions: [{ type: "move_deal_to_stage", stage_id: "s-lost", lost_reason: "Went quiet" }],
    });
  });

  test("a rule is edited as a whole with If-Match, and its recent runs are shown", async () => {
    signInAs(PERMS);
    const fake = api({
      "PATCH /api/v1/automation-rules/rule-1": () => json({ ...RULE, version: 5 }),
      "GET /api/v1/automation-rules/rule-1/runs": () =>
        json({
          items: [
            { id: "run-1", rule_id: "rule-1", record_type: "deal", record_id: "d-9", stage_entered_at: null, outcome: "failed", detail: "stage gone", actor_id: null, depth: 1, at: "2026-12-05T10:00:00Z" },
            { id: "run-2", rule_id: "rule-1", record_type: "interaction", record_id: "i-1", stage_entered_at: null, outcome: "done", detail: null, actor_id: null, depth: 1, at: "2026-12-04T10:00:00Z" },
          ],
          next_cursor: null,
        }),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    const section = await openAutomation();
    fireEvent.click(await within(section).findByRole("button", { name: "Recent runs: Qualify interested callers" }));
    const runs = await screen.findByRole("region", { name: "Recent runs of “Qualify interested callers”" });
    expect(await within(runs).findByText("Failed")).toBeInTheDocument();
    expect(within(runs).getByText("stage gone")).toBeInTheDocument();
    expect(within(runs).getByRole("link", { name: "Deal" })).toHaveAttribute("href", "/deals/d-9");
    expect(within(runs).getByText("Done")).toBeInTheDocument();

    fireEvent.click(within(section).getByRole("button", { name: "Edit: Qualify interested callers" }));
    const form = await screen.findByRole("form", { name: "Editing “Qualify interested callers”" });
    expect(within(form).getByLabelText("Condition 1: value")).toHaveValue("interested");
    expect(within(form).getByLabelText("Action 1: tag")).toHaveValue("hot");
    fireEvent.change(within(form).getByLabelText("Action 1: tag"), { target: { value: "warm" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = fake.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("if-match")).toBe('"4"');
    expect(patch.body).toEqual({
      name: "Qualify interested callers",
      enabled: true,
      trigger: { type: "interaction_completed" },
      conditions: [{ field: "outcome", op: "equals", value: "interested" }],
      actions: [{ type: "add_tag", tag: "warm" }],
    });
  });
});
