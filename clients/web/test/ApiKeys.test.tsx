import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";

import AdminPage from "../src/pages/Admin";
import { parseAccess, STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

const role = (name: string, rank: number, grants: string[], access: string, template_key: string | null = null) => ({
  id: `r-${name}`, name, rank, access: parseAccess(access), permissions: grants, description: "", is_template: template_key !== null,
  template_key, version: 1,
});
// Signed in at rank 50, team access: Manager and Salesperson are below, Owner above.
const ROLES = [
  role("Owner", 100, ["users:manage"], acc("aaa"), "owner"),
  role("Manager", 30, ["users:read"], acc("ooo"), "manager"),
  role("Salesperson", 20, [], acc("ooo"), "salesperson"),
];
const summary = (name: string) => {
  const r = ROLES.find((x) => x.name === name)!;
  return { id: r.id, name: r.name, rank: r.rank, template_key: r.template_key };
};

const key = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id, name, role: summary("Salesperson"), team_id: null, key_prefix: `crm_live_${id}`, status: "active", expires_at: null, requests_per_minute: null, revoked_at: null,
  last_used_at: null, last_used_address: null, created_by: "u-me", created_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T10:00:00Z",
  version: 1, ...extra,
});
const SECRET = "crm_live_new1_Vf3kq9X2mB7rT1nY8pL4sD6wH0jC5eA9uZ2iQ7oK3gM";

function signIn(perms = ["contacts:read", "users:read", "users:manage"]) {
  const token = fakeToken(perms, { rank: 50, acc: acc("ttt"), team: "t-1" });
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

const dateTime = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

async function openKeys(routes: Parameters<typeof fakeApi>[0], lang: "en" | "de" = "en") {
  const api = fakeApi({
    "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
    "GET /api/v1/teams": () => json({ items: [{ id: "t-1", name: "North", version: 1 }], next_cursor: null }),
    "GET /api/v1/roles": () => json({ items: ROLES }),
    ...routes,
  });
  renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch, lang });
  fireEvent.click(screen.getByRole("button", { name: lang === "en" ? "API keys" : "API-Schlüssel" }));
  return api;
}

/** A clipboard for the browser (jsdom has none). */
function useClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, "clipboard");
});

describe("API keys in the administration", () => {
  test("the list shows name, prefix, role, status, last use and expiry; only keys one may manage offer edit and revoke", async () => {
    signIn();
    await openKeys({
      "GET /api/v1/api-keys": () =>
        json({
          items: [
            key("k1", "ERP sync", { last_used_at: "2026-12-07T09:41:00Z", last_used_address: "203.0.113.24", expires_at: "2027-12-31T23:00:00Z" }),
            key("k2", "Old website", { status: "revoked", revoked_at: "2026-12-05T08:00:00Z" }),
            key("k3", "Telephony", { status: "expired", expires_at: "2026-12-01T00:00:00Z" }),
            key("k4", "Owner's robot", { role: summary("Owner") }),
          ],
          next_cursor: null,
        }),
    });
    const table = await screen.findByRole("table", { name: "API keys" });
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual([
      "Name", "Key starts with", "Role", "Status", "Last used", "Expires", "Requests a minute", "Actions",
    ]);
    const erp = within(table).getByRole("rowheader", { name: "ERP sync" }).closest("tr")!;
    expect(within(erp).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "crm_live_k1", "Salesperson", "Active", `${dateTime("2026-12-07T09:41:00Z")} from 203.0.113.24`, dateTime("2027-12-31T23:00:00Z"), "Default", "Edit Revoke",
    ]);
    expect(within(erp).getByRole("button", { name: "Revoke ERP sync" })).toBeInTheDocument();
    const old = within(table).getByRole("rowheader", { name: "Old website" }).closest("tr")!;
    expect(within(old).getAllByRole("cell").map((c) => c.textContent)).toEqual(["crm_live_k2", "Salesperson", "Revoked", "Never used", "Never", "Default", ""]);
    const phone = within(table).getByRole("rowheader", { name: "Telephony" }).closest("tr")!;
    expect(within(phone).getByRole("cell", { name: "Expired" })).toBeInTheDocument();
    // A key ranked at or above oneself is listed, but not one's to change or revoke.
    const robot = within(table).getByRole("rowheader", { name: "Owner's robot" }).closest("tr")!;
    expect(within(robot).queryByRole("button")).toBeNull();
  });

  test("without users:manage there is no API keys tab", async () => {
    signIn(["contacts:read", "users:read", "roles:manage"]);
    const api = fakeApi({ "GET /api/v1/roles": () => json({ items: ROLES }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    expect(await screen.findByRole("button", { name: "Roles" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "API keys" })).toBeNull();
    expect(api.calls.some((c) => c.path === "/api/v1/api-keys")).toBe(false);
  });

  test("a new key's secret is shown once with a copy button and a warning, and is gone once closed", async () => {
    signIn();
    const writeText = vi.fn(() => Promise.resolve());
    useClipboard(writeText);
    let items: unknown[] = [];
    const api = await openKeys({
      "GET /api/v1/api-keys": () => json({ items, next_cursor: null }),
      "POST /api/v1/api-keys": (call) => {
        const created = key("new1", (call.body as { name: string }).name, { role: summary("Manager"), team_id: "t-1" });
        items = [created];
        return json({ ...created, key: SECRET }, 201);
      },
    });
    expect(await screen.findByText("No API keys yet.")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Create an API key" });
    const roleSelect = within(form).getByLabelText("Role");
    await within(roleSelect).findByRole("option", { name: "Manager" });
    // The roles the user form offers: below one's rank and within one's reach.
    expect(within(roleSelect).getAllByRole("option").map((o) => o.textContent)).toEqual(["Manager", "Salesperson"]);
    expect(within(form).getByLabelText("Team")).toHaveValue("t-1");
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "ERP sync" } });
    fireEvent.change(roleSelect, { target: { value: "r-Manager" } });
    fireEvent.change(within(form).getByLabelText("Expires"), { target: { value: "2027-06-30T18:00" } });
    fireEvent.change(within(form).getByLabelText("Requests a minute"), { target: { value: "600" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));

    const box = await screen.findByRole("region", { name: "New key for ERP sync" });
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "ERP sync", role_id: "r-Manager", team_id: "t-1", expires_at: new Date("2027-06-30T18:00").toISOString(), requests_per_minute: 600,
    });
    const secret = within(box).getByLabelText("API key");
    expect(secret).toHaveValue(SECRET);
    expect(secret).toHaveAttribute("readonly");
    expect(secret).toHaveAccessibleDescription("Copy this key now and keep it somewhere safe: it will not be shown again.");
    expect(box).toHaveFocus();
    fireEvent.click(within(box).getByRole("button", { name: "Copy" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));
    expect(await within(box).findByRole("status")).toHaveTextContent("Copied.");
    // The list shows the new key by its prefix, never its secret; the form is empty again.
    const table = await screen.findByRole("table", { name: "API keys" });
    expect(within(table).getByRole("cell", { name: "crm_live_new1" })).toBeInTheDocument();
    expect(within(table).queryByText(SECRET)).toBeNull();
    expect(within(form).getByLabelText("Name")).toHaveValue("");

    fireEvent.click(within(box).getByRole("button", { name: "I have copied it: close" }));
    expect(screen.queryByRole("region", { name: "New key for ERP sync" })).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    // Coming back to the tab does not bring it back either.
    fireEvent.click(screen.getByRole("button", { name: "Users" }));
    fireEvent.click(screen.getByRole("button", { name: "API keys" }));
    await screen.findByRole("table", { name: "API keys" });
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  test("a failed copy asks to copy by hand", async () => {
    signIn();
    useClipboard(() => Promise.reject(new Error("denied")));
    await openKeys({
      "GET /api/v1/api-keys": () => json({ items: [], next_cursor: null }),
      "POST /api/v1/api-keys": () => json({ ...key("new1", "ERP sync"), key: SECRET }, 201),
    });
    const form = screen.getByRole("form", { name: "Create an API key" });
    await within(within(form).getByLabelText("Role")).findByRole("option", { name: "Manager" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "ERP sync" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    const box = await screen.findByRole("region", { name: "New key for ERP sync" });
    fireEvent.click(within(box).getByRole("button", { name: "Copy" }));
    expect(await within(box).findByText("Could not copy: select the key and copy it yourself.")).toBeInTheDocument();
    expect(within(box).getByLabelText("API key")).toHaveValue(SECRET);
  });

  test("a problem with the new key shows at its field, in the interface's language, and no secret box", async () => {
    signIn();
    const api = await openKeys(
      {
        "GET /api/v1/api-keys": () => json({ items: [], next_cursor: null }),
        "POST /api/v1/api-keys": () =>
          problem(422, "The request is not valid: expires_at", [{ field: "expires_at", message: "must be in the future", code: "out_of_range", params: {} }]),
      },
      "de",
    );
    const form = screen.getByRole("form", { name: "API-Schlüssel anlegen" });
    await within(within(form).getByLabelText("Rolle")).findByRole("option", { name: "Manager" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "ERP" } });
    fireEvent.change(within(form).getByLabelText("Läuft ab"), { target: { value: "2020-01-01T00:00" } });
    fireEvent.click(within(form).getByRole("button", { name: "Anlegen" }));
    const expires = within(form).getByLabelText("Läuft ab");
    await waitFor(() => expect(expires).toHaveAttribute("aria-invalid", "true"));
    expect(expires).toHaveAccessibleDescription(/Dieser Wert liegt außerhalb des zulässigen Bereichs/);
    expect(within(form).getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Bitte korrigieren Sie die markierten Felder.");
    expect(screen.queryByRole("region", { name: /Neuer Schlüssel/ })).toBeNull();
    expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });

  test("an edit sends only what changed with If-Match; a 422 shows at its field, a 412 and a 409 offer a reload", async () => {
    signIn();
    let answer: () => Response = () => json({});
    const api = await openKeys({
      "GET /api/v1/api-keys": () => json({ items: [key("k1", "ERP sync", { version: 3, expires_at: "2027-12-31T23:00:00Z" })], next_cursor: null }),
      "PATCH /api/v1/api-keys/k1": () => answer(),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Edit ERP sync" }));
    const editor = screen.getByRole("region", { name: "Edit ERP sync" });
    expect(within(editor).getByLabelText("Name")).toHaveValue("ERP sync");
    expect(within(editor).getByLabelText("Role")).toHaveValue("r-Salesperson");
    expect(within(editor).getByLabelText("Expires")).not.toHaveValue("");

    answer = () => problem(422, "The request is not valid: name", [{ field: "name", message: "too long", code: "too_long", params: { max_length: 200 } }]);
    fireEvent.change(within(editor).getByLabelText("Name"), { target: { value: "ERP".repeat(70) } });
    fireEvent.change(within(editor).getByLabelText("Role"), { target: { value: "r-Manager" } });
    fireEvent.click(within(editor).getByRole("button", { name: "Save" }));
    const name = within(editor).getByLabelText("Name");
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(name).toHaveAccessibleDescription("Enter at most 200 characters.");
    expect(within(editor).getByRole("alert")).toHaveTextContent("Please correct the marked fields.");
    const first = api.calls.find((c) => c.method === "PATCH")!;
    expect(first.headers.get("If-Match")).toBe('"3"');
    expect(first.body).toEqual({ name: "ERP".repeat(70), role_id: "r-Manager" });

    answer = () => problem(412, "The record changed since you read it.");
    fireEvent.change(within(editor).getByLabelText("Name"), { target: { value: "ERP" } });
    fireEvent.change(within(editor).getByLabelText("Expires"), { target: { value: "" } });
    fireEvent.click(within(editor).getByRole("button", { name: "Save" }));
    expect(await within(editor).findByText(/Someone else changed this record/)).toBeInTheDocument();
    // Clearing the expiry makes the key never expire.
    expect(api.calls.filter((c) => c.method === "PATCH")[1]!.body).toEqual({ name: "ERP", role_id: "r-Manager", expires_at: null });

    answer = () => problem(409, "This API key is revoked; create a new one.");
    fireEvent.click(within(editor).getByRole("button", { name: "Save" }));
    expect(await within(editor).findByText("This key was revoked in the meantime and can no longer be changed.")).toBeInTheDocument();
    const gets = api.calls.filter((c) => c.method === "GET" && c.path === "/api/v1/api-keys").length;
    fireEvent.click(within(editor).getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === "GET" && c.path === "/api/v1/api-keys").length).toBe(gets + 1));
  });

  test("a key's own rate shows in the list (or Default), and an edit sets it or clears it back to the default", async () => {
    signIn();
    const api = await openKeys({
      "GET /api/v1/api-keys": () => json({ items: [key("k1", "ERP sync", { requests_per_minute: 120 }), key("k2", "Shop")], next_cursor: null }),
      "PATCH /api/v1/api-keys/k1": () => json(key("k1", "ERP sync", { version: 2 })),
    });
    const table = await screen.findByRole("table", { name: "API keys" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(within(rows[0]!).getByRole("cell", { name: "120" })).toBeInTheDocument();
    expect(within(rows[1]!).getByRole("cell", { name: "Default" })).toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: "Edit ERP sync" }));
    const editor = screen.getByRole("region", { name: "Edit ERP sync" });
    const rate = within(editor).getByLabelText("Requests a minute");
    expect(rate).toHaveValue(120);
    expect(rate).toHaveAccessibleDescription(/server’s default for keys/);
    fireEvent.change(rate, { target: { value: "" } });
    fireEvent.click(within(editor).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.find((c) => c.method === "PATCH")?.body).toEqual({ requests_per_minute: null }));
  });

  test("revoking asks first; cancelling sends nothing; confirming revokes with If-Match and the key shows as revoked", async () => {
    signIn();
    let revoked = false;
    const api = await openKeys({
      "GET /api/v1/api-keys": () =>
        json({ items: [key("k1", "ERP sync", revoked ? { status: "revoked", revoked_at: "2026-12-07T10:00:00Z", version: 3 } : { version: 2 })], next_cursor: null }),
      "POST /api/v1/api-keys/k1/revoke": () => {
        revoked = true;
        return json(key("k1", "ERP sync", { status: "revoked", revoked_at: "2026-12-07T10:00:00Z", version: 3 }));
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Revoke ERP sync" }));
    let dialog = screen.getByRole("dialog", { name: "Revoke the API key" });
    expect(dialog).toHaveTextContent("Revoke the key “ERP sync” (crm_live_k1)? Integrations using it are refused from their next request on. This cannot be undone.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.calls.some((c) => c.method === "POST")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Revoke ERP sync" }));
    dialog = screen.getByRole("dialog", { name: "Revoke the API key" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const revoke = api.calls.find((c) => c.method === "POST")!;
    expect(revoke.path).toBe("/api/v1/api-keys/k1/revoke");
    expect(revoke.headers.get("If-Match")).toBe('"2"');
    const row = screen.getByRole("rowheader", { name: "ERP sync" }).closest("tr")!;
    await waitFor(() => expect(within(row).getByRole("cell", { name: "Revoked" })).toBeInTheDocument());
    expect(within(row).queryByRole("button")).toBeNull();
  });

  test("a revocation refused as stale offers a reload in the dialog", async () => {
    signIn();
    const api = await openKeys({
      "GET /api/v1/api-keys": () => json({ items: [key("k1", "ERP sync")], next_cursor: null }),
      "POST /api/v1/api-keys/k1/revoke": () => problem(412, "The record changed since you read it."),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Revoke ERP sync" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke the API key" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await within(dialog).findByText(/Someone else changed this record/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole("button", { name: "Reload" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(api.calls.filter((c) => c.method === "GET" && c.path === "/api/v1/api-keys")).toHaveLength(2));
  });
});
