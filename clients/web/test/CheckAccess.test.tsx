import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import { ruleSentence } from "../src/components/CheckAccess";
import { type MessageKey, translate } from "../src/i18n";
import AdminPage from "../src/pages/Admin";
import { STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

const USER = {
  id: "u-sam", email: "sam@x.example", full_name: "Sam Seller", is_active: true, last_login_at: null,
  role: { id: "r-Salesperson", name: "Salesperson", rank: 20 }, team_id: null, version: 1,
  created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z",
};
const decision = (allowed: boolean, rule: string, level: string) => ({ allowed, rule, level });

function signIn() {
  const token = fakeToken(["contacts:read", "users:read", "users:manage"], { rank: 100, acc: acc("aaa") });
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: token, refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

function api(explain: (search: URLSearchParams) => Response) {
  return fakeApi({
    "GET /api/v1/users": () => json({ items: [USER], next_cursor: null }),
    "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
    "GET /api/v1/roles": () => json({ items: [] }),
    "GET /api/v1/contacts": () => json({ items: [{ id: "c-1", full_name: "Cora Colleague", emails: [] }], next_cursor: null }),
    "GET /api/v1/access/explain": (call) => explain(call.search),
  });
}

async function open(fake: ReturnType<typeof api>) {
  signIn();
  renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: fake.fetch });
  fireEvent.click(await screen.findByRole("button", { name: "Check access of Sam Seller" }));
  return screen.getByRole("dialog", { name: "Check access of Sam Seller" });
}

describe("check access", () => {
  test("asks the API about the user and the contact picked by name, and shows read, write and archive with the reason", async () => {
    const fake = api((search) =>
      json({
        user_id: search.get("user_id"), entity: search.get("entity"), id: search.get("id"),
        read: decision(true, "all", "all"), write: decision(false, "out_of_reach", "own"), archive: decision(false, "out_of_reach", "own"),
      }),
    );
    const dialog = await open(fake);
    expect(within(dialog).getByLabelText("Kind of record")).toHaveValue("contacts");
    expect(within(dialog).getByRole("button", { name: "Check" })).toBeDisabled();
    fireEvent.change(within(dialog).getByRole("combobox", { name: "Record" }), { target: { value: "Cor" } });
    fireEvent.mouseDown(await within(dialog).findByRole("option", { name: /Cora Colleague/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Check" }));

    const result = await within(dialog).findByRole("table", { name: "What Sam Seller may do with it" });
    const call = fake.calls.find((c) => c.path === "/api/v1/access/explain")!;
    expect(Object.fromEntries(call.search)).toEqual({ user_id: "u-sam", entity: "contacts", id: "c-1" });
    const cells = (action: string) => [...within(result).getByRole("rowheader", { name: action }).closest("tr")!.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells("Read")).toEqual(["Allowed", "their level reaches every record (All)"]);
    expect(cells("Write")).toEqual(["Not allowed", "beyond their level (Own)"]);
    expect(cells("Archive")).toEqual(["Not allowed", "beyond their level (Own)"]);
  });

  test("other kinds take a record id; a 404 shows as the app shows problems", async () => {
    const fake = api(() => problem(404, "Not found"));
    const dialog = await open(fake);
    fireEvent.change(within(dialog).getByLabelText("Kind of record"), { target: { value: "deals" } });
    fireEvent.change(within(dialog).getByLabelText("Record id"), { target: { value: " d-9 " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Check" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Not found, or not visible to you.");
    const call = fake.calls.find((c) => c.path === "/api/v1/access/explain")!;
    expect(Object.fromEntries(call.search)).toEqual({ user_id: "u-sam", entity: "deals", id: "d-9" });
    expect(within(dialog).queryByRole("table")).toBeNull();
  });

  test("a 403 shows as the app shows problems", async () => {
    const dialog = await open(api(() => problem(403, "Forbidden")));
    fireEvent.change(within(dialog).getByLabelText("Kind of record"), { target: { value: "tasks" } });
    fireEvent.change(within(dialog).getByLabelText("Record id"), { target: { value: "t-1" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Check" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("You do not have permission for this.");
  });

  test("every rule reads as a sentence, in every language", () => {
    const t = (key: MessageKey, params?: Record<string, string | number>) => translate("en", key, params);
    const say = (rule: string, level = "own") => ruleSentence(decision(false, rule, level) as never, "deals", t);
    expect(say("inactive")).toBe("the account is deactivated");
    expect(say("no_access", "none")).toBe("their role gives no access to Deals");
    expect(say("all", "all")).toBe("their level reaches every record (All)");
    expect(say("owner")).toBe("owns it");
    expect(say("responsible")).toBe("it is assigned to them, or they take part in it");
    expect(say("team", "team")).toBe("it is their team's");
    expect(say("in_charge")).toBe("work assigned to them is about it");
    expect(say("out_of_reach", "team")).toBe("beyond their level (Team)");
    const de = (key: MessageKey, params?: Record<string, string | number>) => translate("de", key, params);
    expect(ruleSentence(decision(false, "out_of_reach", "own") as never, "contacts", de)).toBe("jenseits seines/ihres Zugriffs (Eigene)");
    expect(ruleSentence(decision(false, "no_access", "none") as never, "contacts", de)).toBe("die Rolle gibt keinen Zugriff auf Kontakte");
  });
});
