import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage, { mayGrant } from "../src/pages/Admin";
import { fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";
import { STORAGE_KEY } from "../src/session";

const role = (name: string, rank: number, permissions: string[], scope: "own" | "team" | "all" = "own") => ({
  id: `r-${name}`, name, rank, permissions, scope, description: "", is_template: true, template_key: null, version: 1,
});
const ROLES = [
  role("Owner", 100, ["users:manage", "roles:manage"], "all"),
  role("Senior manager", 50, ["contacts:read", "users:manage"], "team"),
  role("Manager", 30, ["contacts:read"]),
  role("Wide reader", 20, ["contacts:read"], "all"),
  role("Exporter", 20, ["contacts:read", "data:export"]),
  role("Salesperson", 20, ["contacts:read"]),
];

describe("administration", () => {
  test("a role is grantable only below one's rank, within one's permissions and scope", () => {
    const claims = { sub: "u", role: "r", rank: 50, perms: ["contacts:read", "users:manage"], scope: "team" as const, exp: 0 };
    const offered = ROLES.filter((r) => mayGrant(r as never, claims)).map((r) => r.name);
    expect(offered).toEqual(["Manager", "Salesperson"]);
  });

  test("the user form offers only the roles the user may grant", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(["contacts:read", "users:read", "users:manage"], { rank: 50, scope: "team" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const api = fakeApi({
      "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/roles": () => json({ items: ROLES }),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const select = screen.getByLabelText("Role");
    await within(select).findByRole("option", { name: "Manager" });
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["Manager", "Salesperson"]);
    expect(select).toHaveAccessibleDescription("Only roles ranked below yours are offered.");
    // Custom fields and pipelines need permissions this user lacks.
    expect(screen.queryByRole("button", { name: "Custom fields" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Pipelines" })).toBeNull();
  });

  test("template roles, permissions and field types are shown in the interface's language", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(["contacts:read", "roles:manage"], { rank: 50, scope: "team" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const seller = { ...role("Salesperson", 20, ["contacts:read", "deals:write"]), template_key: "salesperson" };
    const custom = { ...role("Field scouts", 15, ["contacts:read"]), is_template: false };
    const api = fakeApi({ "GET /api/v1/roles": () => json({ items: [seller, custom] }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch, lang: "de" });
    const row = (await screen.findByRole("rowheader", { name: /Verkäufer/ })).closest("tr")!;
    expect(within(row).getByText("Kontakte lesen, Verkaufschancen ändern")).toBeInTheDocument();
    // A custom role keeps the name its makers gave it.
    expect(screen.getByRole("rowheader", { name: /Field scouts/ })).toBeInTheDocument();
    expect(screen.queryByText("Salesperson")).toBeNull();
  });

  test("a custom role can get only a lower rank, a scope and permissions the user has", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(["contacts:read", "roles:manage"], { rank: 50, scope: "team" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: ROLES }),
      "POST /api/v1/roles": () => json(role("Junior", 10, ["contacts:read"]), 201),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    expect(await screen.findByRole("cell", { name: "100" })).toBeInTheDocument();
    const rank = screen.getByLabelText("Rank");
    expect(rank).toHaveAttribute("max", "49");
    const scope = screen.getByLabelText("Sees");
    expect(within(scope).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["own", "team"]);
    const permissions = screen.getByRole("group", { name: "Permissions (only those you hold)" });
    expect(within(permissions).getAllByRole("checkbox")).toHaveLength(2);
    fireEvent.change(screen.getByLabelText("Role name"), { target: { value: "Junior" } });
    fireEvent.change(rank, { target: { value: "10" } });
    fireEvent.click(within(permissions).getByRole("checkbox", { name: "Read contacts contacts:read" }));
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({ name: "Junior", rank: 10, scope: "own", permissions: ["contacts:read"] });
  });

  describe("editing users", () => {
    const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
      id, email: `${id}@x.example`, full_name: name, is_active: true, last_login_at: null, role: { id: "r-Salesperson", name: "Salesperson", rank: 20 },
      team_id: null, version: 4, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-02T00:00:00Z", ...extra,
    });
    const TEAMS = [{ id: "t-1", name: "North", version: 1 }];
    const signIn = () =>
      localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ accessToken: fakeToken(["contacts:read", "users:read", "users:manage"], { rank: 50, scope: "team" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
      );

    test("an edit sends only the changed name, role and team to the user, with If-Match from its version", async () => {
      signIn();
      const api = fakeApi({
        "GET /api/v1/users": () => json({ items: [user("u-1", "Ann Smith")], next_cursor: null }),
        "GET /api/v1/teams": () => json({ items: TEAMS, next_cursor: null }),
        "GET /api/v1/roles": () => json({ items: ROLES }),
        "PATCH /api/v1/users/u-1": () => json(user("u-1", "Ann Jones", { version: 5 })),
      });
      renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
      fireEvent.click(await screen.findByRole("button", { name: "Edit Ann Smith" }));
      const form = screen.getByRole("region", { name: "Edit Ann Smith" });
      const name = within(form).getByLabelText("Full name");
      expect(name).toHaveValue("Ann Smith");
      expect(within(form).getByLabelText("Role")).toHaveValue("r-Salesperson");
      fireEvent.change(name, { target: { value: "Ann Jones" } });
      fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "r-Manager" } });
      fireEvent.change(within(form).getByLabelText("Team"), { target: { value: "t-1" } });
      fireEvent.click(within(form).getByRole("button", { name: "Save" }));
      await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
      const patch = api.calls.find((c) => c.method === "PATCH")!;
      expect(patch.path).toBe("/api/v1/users/u-1");
      expect(patch.headers.get("If-Match")).toBe('"4"');
      expect(patch.body).toEqual({ full_name: "Ann Jones", role_id: "r-Manager", team_id: "t-1" });
      await waitFor(() => expect(screen.queryByRole("region", { name: "Edit Ann Smith" })).toBeNull());
    });

    test("a 422 from the API shows at its field", async () => {
      signIn();
      const api = fakeApi({
        "GET /api/v1/users": () => json({ items: [user("u-1", "Ann Smith")], next_cursor: null }),
        "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/roles": () => json({ items: ROLES }),
        "PATCH /api/v1/users/u-1": () => problem(422, "The request is not valid: full_name", [{ field: "full_name", message: "must not be blank", code: "required", params: {} }]),
      });
      renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
      fireEvent.click(await screen.findByRole("button", { name: "Edit Ann Smith" }));
      const form = screen.getByRole("region", { name: "Edit Ann Smith" });
      fireEvent.change(within(form).getByLabelText("Full name"), { target: { value: " " } });
      fireEvent.click(within(form).getByRole("button", { name: "Save" }));
      const name = within(form).getByLabelText("Full name");
      await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
      expect(name).toHaveAccessibleDescription("This field is required.");
      expect(within(form).getByLabelText("Team")).not.toHaveAttribute("aria-invalid");
      expect(within(form).getByRole("alert")).toHaveTextContent("Please correct the marked fields.");
    });

    test("deactivate and reactivate patch is_active with If-Match; a 412 offers a reload; no button for oneself", async () => {
      signIn();
      let active = true;
      let conflict = false;
      const api = fakeApi({
        "GET /api/v1/users": () =>
          json({ items: [user("u-me", "Me Myself"), user("u-1", "Ann Smith", { is_active: active, version: active ? 4 : 5 })], next_cursor: null }),
        "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/roles": () => json({ items: ROLES }),
        "PATCH /api/v1/users/u-1": (call) => {
          if (conflict) return problem(412, "The record changed since you read it.");
          active = (call.body as { is_active: boolean }).is_active;
          return json(user("u-1", "Ann Smith", { is_active: active, version: 5 }));
        },
      });
      renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
      const row = (await screen.findByRole("rowheader", { name: "Ann Smith" })).closest("tr")!;
      const mine = screen.getByRole("rowheader", { name: "Me Myself" }).closest("tr")!;
      expect(within(mine).queryByRole("button", { name: "Deactivate" })).toBeNull();
      fireEvent.click(within(row).getByRole("button", { name: "Deactivate" }));
      await waitFor(() => expect(within(row).getByRole("cell", { name: "Inactive" })).toBeInTheDocument());
      const first = api.calls.find((c) => c.method === "PATCH")!;
      expect(first.path).toBe("/api/v1/users/u-1");
      expect(first.headers.get("If-Match")).toBe('"4"');
      expect(first.body).toEqual({ is_active: false });

      conflict = true;
      fireEvent.click(within(row).getByRole("button", { name: "Reactivate" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("Someone else changed this record");
      const second = api.calls.filter((c) => c.method === "PATCH")[1]!;
      expect(second.headers.get("If-Match")).toBe('"5"');
      expect(second.body).toEqual({ is_active: true });
      fireEvent.click(screen.getByRole("button", { name: "Reload" }));
      await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    });
  });

  test("a custom role is edited with If-Match; template roles offer no edit", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(["contacts:read", "roles:manage"], { rank: 50, scope: "team" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const custom = { ...role("Junior", 10, ["contacts:read"]), id: "r-custom", is_template: false, version: 2 };
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: [...ROLES, custom] }),
      "PATCH /api/v1/roles/r-custom": () => json({ ...custom, rank: 15, version: 3 }),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Edit Junior" }));
    expect(screen.getAllByRole("button", { name: /^Edit / })).toHaveLength(1);
    const ranks = screen.getAllByLabelText("Rank");
    expect(ranks[0]).toHaveValue(10);
    fireEvent.change(ranks[0]!, { target: { value: "15" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"2"');
    expect(patch.body).toEqual({ rank: 15 });
  });

  test("a stage is removed with its deals moved to a stage of the same kind", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(["deals:read", "pipelines:manage"], { rank: 100, scope: "all" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const stage = (id: string, name: string, kind: string, position: number) => ({ id, name, kind, position, probability: 50, rotting_days: null });
    const pipeline = {
      id: "p-1", name: "Sales", is_default: true, version: 3,
      stages: [stage("s-new", "New", "open", 0), stage("s-qual", "Qualified", "open", 1), stage("s-won", "Won", "won", 2), stage("s-lost", "Lost", "lost", 3)],
    };
    const api = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [pipeline] }),
      "DELETE /api/v1/pipelines/p-1/stages/s-new": () => json({ ...pipeline, stages: pipeline.stages.slice(1), version: 4 }),
      "DELETE /api/v1/pipelines/p-1/stages/s-won": () =>
        problem(422, "The stages do not make a pipeline.", [{ field: "stages", message: "needs an open, a won and a lost stage" }]),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Remove stage: New" }));
    const form = screen.getByRole("form", { name: "Remove stage: New" });
    const target = within(form).getByLabelText("Move its deals to");
    // Only the other open stage: a deal keeps its status.
    expect(within(target).getAllByRole("option").map((o) => o.textContent)).toEqual(["Qualified"]);
    fireEvent.click(within(form).getByRole("button", { name: "Remove stage" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "DELETE")).toBe(true));
    const removal = api.calls.find((c) => c.method === "DELETE")!;
    expect(removal.search.get("target_stage_id")).toBe("s-qual");

    // The only won stage: nothing to move to, and the API's refusal is shown.
    fireEvent.click(screen.getByRole("button", { name: "Remove stage: Won" }));
    const won = screen.getByRole("form", { name: "Remove stage: Won" });
    expect(within(won).queryByLabelText("Move its deals to")).toBeNull();
    fireEvent.click(within(won).getByRole("button", { name: "Remove stage" }));
    expect(await within(won).findByText(/do not make a pipeline/)).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === "DELETE").at(-1)!.search.has("target_stage_id")).toBe(false);
  });

  test("a stage is renamed, re-weighed or moved, sending only what changed", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(["deals:read", "pipelines:manage"], { rank: 100, scope: "all" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const stage = (id: string, name: string, kind: string, position: number) => ({ id, name, kind, position, probability: 50, rotting_days: null });
    const pipeline = {
      id: "p-1", name: "Sales", is_default: true, version: 3,
      stages: [stage("s-new", "New", "open", 0), stage("s-qual", "Qualified", "open", 1), stage("s-won", "Won", "won", 2), stage("s-lost", "Lost", "lost", 3)],
    };
    let patches = 0;
    const api = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [pipeline] }),
      "PATCH /api/v1/pipelines/p-1/stages/s-new": () =>
        ++patches === 1
          ? problem(422, "The stages do not make a pipeline.", [{ field: "stages.1.name", message: "used twice in this pipeline", code: "duplicate", params: {} }])
          : json(pipeline),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Edit: New" }));
    const form = screen.getByRole("form", { name: "Edit: New" });
    expect(within(form).getByLabelText("Position")).toHaveValue(1);
    fireEvent.change(within(form).getByLabelText("Stage name"), { target: { value: "Qualified" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    // The API names the stage by its index among all of them; the field shows it.
    expect(await within(form).findByText("This value is already taken.")).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText("Stage name"), { target: { value: "Inbox" } });
    fireEvent.change(within(form).getByLabelText("Position"), { target: { value: "2" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === "PATCH")).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === "PATCH")[1]!.body).toEqual({ name: "Inbox", position: 1 });
  });
});
