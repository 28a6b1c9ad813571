import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage, { mayGrant } from "../src/pages/Admin";
import { fakeApi, fakeToken, json, renderScreen } from "./helpers";
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
    fireEvent.click(within(permissions).getByRole("checkbox", { name: "contacts:read" }));
    fireEvent.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({ name: "Junior", rank: 10, scope: "own", permissions: ["contacts:read"] });
  });
});
