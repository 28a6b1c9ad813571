import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage from "../src/pages/Admin";
import { STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

function signInAs(perms: string[]) {
  const token = fakeToken(perms, { rank: 100, acc: acc("aaa") });
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

const user = (id: string, name: string, team: string | null, version = 4) => ({
  id, email: `${id}@x.example`, full_name: name, is_active: true, last_login_at: null, role: { id: "r-s", name: "Salesperson", rank: 20 },
  team_id: team, version, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-02T00:00:00Z",
});
const TEAMS = [
  { id: "t-1", name: "North", description: "", version: 2, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" },
  { id: "t-2", name: "South", description: "", version: 1, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" },
];
const USERS = [user("u-ann", "Ann", "t-1"), user("u-bo", "Bo", "t-2", 7), user("u-cy", "Cy", null)];

function teamsApi(extra: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
  return fakeApi({
    "GET /api/v1/teams": () => json({ items: TEAMS, next_cursor: null }),
    "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
    "GET /api/v1/roles": () => json({ items: [] }),
    "GET /api/v1/teams/t-1/rotation": () => json({ team_id: "t-1", members: [] }),
    "GET /api/v1/teams/t-2/rotation": () => json({ team_id: "t-2", members: [] }),
    "GET /api/v1/teams/t-1/distribution": () => json({ requests: false, leads: true }),
    "GET /api/v1/teams/t-2/distribution": () => json({ requests: false, leads: false }),
    ...extra,
  });
}

describe("team membership", () => {
  test("each team lists its members; a user is added (moved from another team) and taken out with If-Match", async () => {
    signInAs(["users:read", "users:manage"]);
    const fake = teamsApi({ "PATCH /api/v1/users/u-bo": () => json(user("u-bo", "Bo", "t-1", 8)), "PATCH /api/v1/users/u-ann": () => json(user("u-ann", "Ann", null, 5)) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Teams" }));
    const north = await screen.findByRole("region", { name: "Members of North" });
    expect(await within(north).findByText("Ann")).toBeInTheDocument();
    expect(within(north).queryByText("Bo")).toBeNull();
    const add = within(north).getByLabelText("Add to North");
    expect(within(add).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "Bo (now in South)", "Cy"]);
    fireEvent.change(add, { target: { value: "u-bo" } });
    fireEvent.click(within(north).getByRole("button", { name: "Add" }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PATCH")).toBe(true));
    const moved = fake.calls.find((c) => c.path === "/api/v1/users/u-bo")!;
    expect(moved.body).toEqual({ team_id: "t-1" });
    expect(moved.headers.get("if-match")).toBe('"7"');
    fireEvent.click(within(north).getByRole("button", { name: "Take out of the team: Ann" }));
    await waitFor(() => expect(fake.calls.some((c) => c.path === "/api/v1/users/u-ann")).toBe(true));
    expect(fake.calls.find((c) => c.path === "/api/v1/users/u-ann")!.body).toEqual({ team_id: null });
  });

  test("round-robin distribution is switched per team, and a team with members is not deleted: the API's refusal is said", async () => {
    signInAs(["users:read", "users:manage"]);
    const fake = teamsApi({
      "PUT /api/v1/teams/t-1/distribution": (call) => json(call.body),
      "DELETE /api/v1/teams/t-1": () => problem(409, "The team still has members; move them to another team first."),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Teams" }));
    const north = await screen.findByRole("region", { name: "Members of North" });
    const requests = await within(north).findByLabelText("New customer requests go to the members in turn");
    expect(requests).not.toBeChecked();
    expect(within(north).getByLabelText("New inbound leads go to the members in turn")).toBeChecked();
    fireEvent.click(requests);
    await waitFor(() => expect(fake.calls.some((c) => c.method === "PUT")).toBe(true));
    expect(fake.calls.find((c) => c.method === "PUT")!.body).toEqual({ requests: true, leads: true });
    await waitFor(() => expect(requests).toBeChecked());

    fireEvent.click(within(north).getByRole("button", { name: "Delete the team: North" }));
    const dialog = screen.getByRole("dialog", { name: "Delete the team North?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete the team" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This team still has members");
    expect(fake.calls.find((c) => c.method === "DELETE")!.headers.get("if-match")).toBe('"2"');
  });
});

describe("workflow settings", () => {
  const OUTCOMES = [
    { key: "interested", label: "Interested", position: 10, active: true },
    { key: "no_answer", label: "No answer", position: 20, active: true },
    { key: "voicemail", label: "Voicemail", position: 30, active: false },
  ];
  const settingsApi = (extra: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) =>
    fakeApi({
      "GET /api/v1/interaction-outcomes": () => json({ items: OUTCOMES }),
      "GET /api/v1/request-response-times": () => json({ urgent: 60, high: 240, normal: 1440, low: 4320 }),
      "GET /api/v1/webhooks": () => json({ items: [], next_cursor: null }),
      ...extra,
    });

  test("needs settings:manage", async () => {
    signInAs(["users:read", "users:manage"]);
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: settingsApi().fetch });
    await screen.findByRole("button", { name: "Teams" });
    expect(screen.queryByRole("button", { name: "Workflow settings" })).toBeNull();
  });

  test("outcomes are reordered, added, taken off and brought back; saved whole, the API's problems at their rows", async () => {
    signInAs(["interactions:read", "requests:read", "settings:manage"]);
    let puts = 0;
    const fake = settingsApi({
      "PUT /api/v1/interaction-outcomes": (call) =>
        ++puts === 1
          ? problem(422, "Invalid input", [{ field: "items.2.key", message: "String should match pattern", code: "invalid_format", params: {} }])
          : json({ items: (call.body as { items: Array<{ key: string; label: string }> }).items.map((o, i) => ({ ...o, position: i, active: true })) }),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Workflow settings" }));
    const form = await screen.findByRole("form", { name: "Interaction outcomes" });
    expect(await within(form).findByLabelText("Outcome 1: name")).toHaveValue("Interested");
    // A saved outcome keeps its code.
    expect(within(form).getByLabelText("Outcome 1: code")).toHaveAttribute("readonly");
    fireEvent.click(within(form).getByRole("button", { name: "Move outcome 2 up" }));
    expect(within(form).getByLabelText("Outcome 1: name")).toHaveValue("No answer");
    fireEvent.click(within(form).getByRole("button", { name: "Add an outcome" }));
    fireEvent.change(within(form).getByLabelText("Outcome 3: name"), { target: { value: "Meeting booked" } });
    fireEvent.change(within(form).getByLabelText("Outcome 3: code"), { target: { value: "Meeting booked" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save the outcomes" }));
    const code = within(form).getByLabelText("Outcome 3: code");
    await waitFor(() => expect(code).toHaveAttribute("aria-invalid", "true"));
    fireEvent.change(code, { target: { value: "meeting_booked" } });
    fireEvent.click(within(form).getByRole("button", { name: "Take off the list: Interested" }));
    fireEvent.click(within(form).getByRole("button", { name: "Bring back “Voicemail”" }));
    fireEvent.click(within(form).getByRole("button", { name: "Save the outcomes" }));
    expect(await within(form).findByRole("status")).toHaveTextContent("Saved.");
    expect(fake.calls.filter((c) => c.method === "PUT").at(-1)!.body).toEqual({
      items: [
        { key: "no_answer", label: "No answer" },
        { key: "meeting_booked", label: "Meeting booked" },
        { key: "voicemail", label: "Voicemail" },
      ],
    });
  });

  test("response times per priority, in minutes with the duration in words; the API's problem at its field", async () => {
    signInAs(["interactions:read", "requests:read", "settings:manage"]);
    let puts = 0;
    const fake = settingsApi({
      "PUT /api/v1/request-response-times": (call) =>
        ++puts === 1
          ? problem(422, "Invalid input", [{ field: "urgent", message: "between one minute and 90 days", code: "out_of_range", params: { min: 1, max: 129600 } }])
          : json(call.body),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch, lang: "de" });
    fireEvent.click(await screen.findByRole("button", { name: "Arbeitsabläufe" }));
    const form = await screen.findByRole("form", { name: "Antwortzeiten für Anfragen" });
    const normal = await within(form).findByLabelText("Normal: Minuten");
    expect(normal).toHaveValue(1440);
    expect(normal).toHaveAccessibleDescription("1 Tag");
    fireEvent.change(normal, { target: { value: "1500" } });
    expect(normal).toHaveAccessibleDescription("1 Tag 1 Stunde");
    const urgent = within(form).getByLabelText("Dringend: Minuten");
    fireEvent.change(urgent, { target: { value: "0" } });
    fireEvent.click(within(form).getByRole("button", { name: "Antwortzeiten speichern" }));
    await waitFor(() => expect(urgent).toHaveAttribute("aria-invalid", "true"));
    fireEvent.change(urgent, { target: { value: "30" } });
    fireEvent.click(within(form).getByRole("button", { name: "Antwortzeiten speichern" }));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === "PUT")).toHaveLength(2));
    expect(fake.calls.filter((c) => c.method === "PUT")[1]!.body).toEqual({ urgent: 30, high: 240, normal: 1500, low: 4320 });
  });
});
