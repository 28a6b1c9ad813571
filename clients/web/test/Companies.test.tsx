import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import CompaniesPage from "../src/pages/Companies";
import CompanyPage from "../src/pages/CompanyPage";
import { acc, ALL_PERMS, fakeApi, fakeToken, json, renderScreen } from "./helpers";
import { STORAGE_KEY } from "../src/session";

const company = (id: string, name: string) => ({
  id, name, industry: null, city: null, country: "DE", owner_id: "u-me", team_id: "t-1", tags: [], version: 1,
  created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-02T00:00:00Z",
});

describe("companies", () => {
  test("the team filter offers one's own team and the others, and goes to the API as team_id", async () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ accessToken: fakeToken(ALL_PERMS, { team: "t-1" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
    );
    const api = fakeApi({
      "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/teams": () => json({ items: [{ id: "t-1", name: "North" }, { id: "t-2", name: "South" }], next_cursor: null }),
      "GET /api/v1/companies": () => json({ items: [company("co-1", "Acme")], next_cursor: null }),
    });
    renderScreen(<CompaniesPage />, { route: "/companies?team=t-2", path: "/companies", fetch: api.fetch });
    await screen.findByRole("link", { name: "Acme" });
    expect(api.calls.find((c) => c.path === "/api/v1/companies")!.search.get("team_id")).toBe("t-2");
    const team = screen.getByLabelText("Team");
    await within(team).findByRole("option", { name: "South" });
    expect(within(team).getAllByRole("option").map((o) => o.textContent)).toEqual(["All", "My team", "South"]);
    expect(team).toHaveValue("t-2");

    fireEvent.change(team, { target: { value: "t-1" } });
    await waitFor(() => expect(api.calls.filter((c) => c.path === "/api/v1/companies").at(-1)!.search.get("team_id")).toBe("t-1"));
    fireEvent.change(team, { target: { value: "" } });
    await waitFor(() => expect(api.calls.filter((c) => c.path === "/api/v1/companies").at(-1)!.search.has("team_id")).toBe(false));
  });

  test("a company page offers Edit only when the write level reaches the company", async () => {
    const page = (owner: string, team: string | null) =>
      fakeApi({
        "GET /api/v1/companies/co-1": () => json({ ...company("co-1", "Acme"), owner_id: owner, team_id: team, tags: [], domain: null, phone: null, address: null }),
        "GET /api/v1/companies/co-1/contacts": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/companies/co-1/timeline": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      });
    const signedInWriting = (letters: string) =>
      localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ accessToken: fakeToken(ALL_PERMS, { acc: acc("ooo", { companies: letters }), team: "t-1" }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
      );
    const shows = async (owner: string, team: string | null) => {
      const { unmount } = renderScreen(<CompanyPage />, { route: "/companies/co-1", path: "/companies/:id", fetch: page(owner, team).fetch });
      await screen.findByRole("heading", { level: 1, name: "Acme" });
      const edit = screen.queryByRole("link", { name: "Edit" }) !== null;
      unmount();
      return edit;
    };
    // Reads every company, changes its own.
    signedInWriting("aoo");
    expect(await shows("u-me", "t-2")).toBe(true);
    expect(await shows("u-ann", "t-1")).toBe(false);
    // Changes the team's.
    signedInWriting("att");
    expect(await shows("u-ann", "t-1")).toBe(true);
    expect(await shows("u-bob", "t-2")).toBe(false);
    // Changes all of them; or none at all.
    signedInWriting("aaa");
    expect(await shows("u-bob", "t-2")).toBe(true);
    // Editing follows the write level, not the archive level.
    signedInWriting("aan");
    expect(await shows("u-bob", "t-2")).toBe(true);
    signedInWriting("ann");
    expect(await shows("u-me", "t-1")).toBe(false);
  });
});
