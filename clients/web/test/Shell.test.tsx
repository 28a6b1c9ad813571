import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, test } from "vitest";

import { Providers } from "../src/App";
import { AppRoutes } from "../src/routes";
import { BASE, fakeApi, json, signedIn } from "./helpers";

const ME = { id: "u-me", email: "me@x.example", full_name: "Mia Me", permissions: [], role: { id: "r", name: "R", rank: 20 } };

function renderApp(route: string, fetch: typeof globalThis.fetch) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <Providers fetch={fetch} baseUrl={BASE} lang="en">
        <AppRoutes />
      </Providers>
    </MemoryRouter>,
  );
}

const quietApi = (extra = {}) =>
  fakeApi({
    "GET /api/v1/auth/me": () => json(ME),
    "GET /api/v1/me/agenda": () => json({ items: [] }),
    "GET /api/v1/me/reminders": () => json([]),
    ...extra,
  });

describe("app shell", () => {
  test("the navigation shows only what the permissions allow", async () => {
    signedIn(["contacts:read", "deals:read", "tasks:read"]);
    renderApp("/my-day", quietApi().fetch);
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const links = within(nav).getAllByRole("link").map((a) => a.textContent);
    // Deal access opens the reports: they cover the deals one may read.
    expect(links).toEqual(["My day", "Contacts", "Deals board", "Reports"]);
    expect(await screen.findByText("Mia Me")).toBeInTheDocument();
    // My name leads to my account (where I see and end my sign-ins).
    expect(screen.getByRole("link", { name: "Mia Me (Account)" })).toHaveAttribute("href", "/account");
  });

  test("Ctrl+K focuses the search, which finds contacts, companies and deals as you type", async () => {
    signedIn(["contacts:read", "companies:read", "deals:read", "tasks:read"]);
    const api = quietApi({
      "GET /api/v1/contacts": () => json({ items: [{ id: "c1", full_name: "Maria Lopez", title: "CEO", emails: [] }], next_cursor: null }),
      "GET /api/v1/companies": () => json({ items: [{ id: "co1", name: "Lopez Logistics", city: "Hamburg", country: "DE" }], next_cursor: null }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
    });
    renderApp("/my-day", api.fetch);
    await screen.findByRole("heading", { level: 1, name: "My day" });
    const search = screen.getByRole("combobox", { name: "Search contacts, companies and deals" });
    act(() => {
      fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    });
    expect(search).toHaveFocus();
    fireEvent.change(search, { target: { value: "lopez" } });
    const listbox = await screen.findByRole("listbox");
    expect(await within(listbox).findByRole("option", { name: /Maria Lopez/ })).toBeInTheDocument();
    expect(within(listbox).getByRole("group", { name: "Companies" })).toHaveTextContent("Lopez Logistics");
    expect(api.calls.find((c) => c.path === "/api/v1/contacts")!.search.get("q")).toBe("lopez");

    fireEvent.keyDown(search, { key: "ArrowDown" });
    expect(within(listbox).getByRole("option", { name: /Lopez Logistics/ })).toHaveAttribute("aria-selected", "true");
    fireEvent.keyDown(search, { key: "Enter" });
    // The company page asks for its company.
    await screen.findByText(/Not found|Loading/);
    expect(api.calls.some((c) => c.path === "/api/v1/companies/co1")).toBe(true);
  });

  test("my day lists overdue items first", async () => {
    signedIn(["contacts:read", "tasks:read", "interactions:read"]);
    const task = (id: string, title: string) => ({ id, title, contact_id: null, version: 1, due_at: "2026-01-01T10:00:00Z" });
    const api = quietApi({
      "GET /api/v1/me/agenda": () =>
        json({
          items: [
            { type: "task", at: "2026-01-02T10:00:00Z", overdue: true, task: task("t1", "Send the offer") },
            { type: "task", at: "2099-01-02T10:00:00Z", overdue: false, task: task("t2", "Call back") },
          ],
        }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
    });
    renderApp("/my-day", api.fetch);
    const overdue = await screen.findByRole("region", { name: /Overdue/ });
    expect(await within(overdue).findByText("Send the offer")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: /^Later/ })).getByText("Call back")).toBeInTheDocument();
  });
});
