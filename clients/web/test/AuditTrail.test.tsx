import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage from "../src/pages/Admin";
import { STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, renderScreen } from "./helpers";

const EVENT = {
  id: "e1",
  occurred_at: "2026-12-07T09:30:00Z",
  actor: null,
  entity_type: "user",
  entity_id: null,
  action: "sign_in_failed",
  changes: {},
  rule_id: null,
  details: { email: "mallory@example.com", client_address: "203.0.113.9", reason: "wrong_password" },
};

function signedInAs(perms: string[]) {
  localStorage.setItem(
    STORAGE_KEY,
    JSON.stringify({ accessToken: fakeToken(perms, { rank: 90, acc: acc("aaa") }), refreshToken: "r", expiresAt: Date.now() + 600_000 }),
  );
}

describe("audit trail", () => {
  test("an auditor reads the trail in their language and narrows it; the filters reach the API", async () => {
    signedInAs(["audit:read"]);
    const api = fakeApi({ "GET /api/v1/audit-events": () => json({ items: [EVENT], next_cursor: null }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch, lang: "de" });
    const table = await screen.findByRole("table", { name: "Protokoll" });
    const row = within(table).getAllByRole("row")[1]!;
    expect(within(row).getByText("Anmeldung fehlgeschlagen")).toBeInTheDocument();
    expect(within(row).getByText("System")).toBeInTheDocument();
    expect(within(row).getByText(/mallory@example\.com/)).toBeInTheDocument();

    // What API keys (integrations) were given and lost is a kind of its own.
    expect(within(screen.getByLabelText("Art des Datensatzes")).getByRole("option", { name: "API-Schlüssel" })).toHaveValue("api_key");
    fireEvent.change(screen.getByLabelText("Aktion"), { target: { value: "exported" } });
    fireEvent.change(screen.getByLabelText("Art des Datensatzes"), { target: { value: "contact_export" } });
    await waitFor(() => {
      const last = api.calls.filter((c) => c.path === "/api/v1/audit-events").at(-1)!;
      expect(last.search.get("action")).toBe("exported");
      expect(last.search.get("entity_type")).toBe("contact_export");
    });
  });

  test("a contact created despite possible duplicates says so in the trail, with how many", async () => {
    signedInAs(["audit:read"]);
    const created = {
      ...EVENT, id: "e2", entity_type: "contact", entity_id: "c-1", action: "created", details: {},
      actor: { id: "u-2", name: "Bea Colleague" },
      changes: { first_name: { before: null, after: "Anna" }, possible_duplicates: { before: null, after: 3 } },
    };
    const api = fakeApi({ "GET /api/v1/audit-events": () => json({ items: [created], next_cursor: null }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const table = await screen.findByRole("table", { name: "Audit trail" });
    const row = within(table).getAllByRole("row")[1]!;
    expect(row).toHaveTextContent("Created despite 3 possible duplicates · first_name");
    expect(row).not.toHaveTextContent("possible_duplicates");
  });

  test("without audit:read there is no audit tab", async () => {
    signedInAs(["roles:manage"]);
    const api = fakeApi({ "GET /api/v1/roles": () => json({ items: [] }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    expect(await screen.findByRole("button", { name: "Roles" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Audit trail" })).toBeNull();
  });
});
