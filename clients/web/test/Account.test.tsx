import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import type { Lang } from "../src/i18n";
import { AccountPage, describeClient } from "../src/pages/Account";
import { STORAGE_KEY } from "../src/session";
import { fakeApi, json, renderScreen, signedIn } from "./helpers";

const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

const ME = { id: "u-me", email: "mia@x.example", full_name: "Mia Me", permissions: [], role: { id: "r", name: "R", rank: 20 } };
/** A Salesperson's levels and permissions, as GET /me/permissions answers. */
const level = (read: string, write: string, archive = write) => ({ read, write, archive });
const MINE = {
  access: {
    contacts: level("all", "own"), companies: level("all", "own"), deals: level("own", "own"), interactions: level("own", "own"),
    tasks: level("team", "own", "none"), requests: level("none", "none"),
  },
  permissions: ["companies:read", "companies:write", "contacts:read", "contacts:write", "deals:read", "deals:write", "reports:read", "users:read"],
  rank: 20, role_id: "r-sales", team_id: null,
};
const session = (id: string, userAgent: string | null, current = false, address = "203.0.113.7") => ({
  id,
  created_at: "2026-12-01T09:30:00Z",
  last_used_at: "2026-12-07T10:15:00Z",
  user_agent: userAgent,
  client_address: address,
  current,
});

function api() {
  let items = [session("s-1", CHROME_MAC, true), session("s-2", FIREFOX_WINDOWS), session("s-3", SAFARI_IPHONE, false, "2001:db8::1")];
  return fakeApi({
    "GET /api/v1/auth/me": () => json(ME),
    "GET /api/v1/me/sessions": () => json({ items }),
    "GET /api/v1/me/permissions": () => json(MINE),
    "DELETE /api/v1/me/sessions/s-2": () => {
      items = items.filter((s) => s.id !== "s-2");
      return new Response(null, { status: 204 });
    },
    "DELETE /api/v1/me/sessions": (call) => {
      if (call.search.get("except_current") === "true") items = items.filter((s) => s.current);
      return new Response(null, { status: 204 });
    },
    "POST /api/v1/auth/logout": () => new Response(null, { status: 204 }),
  });
}

const render = (fake: ReturnType<typeof api>, lang: Lang = "en") =>
  renderScreen(<AccountPage />, { route: "/account", path: "/account", fetch: fake.fetch, lang });
const sessionList = () => within(screen.getByRole("region", { name: /^(Where you're signed in|Wo Sie angemeldet sind)$/ })).getByRole("list");
const entry = (device: string) => screen.getByText(device, { selector: "strong" }).closest("li")!;

beforeEach(() => signedIn());

describe("describeClient", () => {
  test("names the browser and system of common User-Agents, coarsely", () => {
    expect(describeClient(CHROME_MAC)).toEqual({ browser: "Chrome", os: "macOS" });
    expect(describeClient(FIREFOX_WINDOWS)).toEqual({ browser: "Firefox", os: "Windows" });
    expect(describeClient(SAFARI_IPHONE)).toEqual({ browser: "Safari", os: "iPhone" });
    expect(
      describeClient("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
    ).toEqual({ browser: "Edge", os: "Windows" });
    expect(
      describeClient("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
    ).toEqual({ browser: "Chrome", os: "Android" });
    expect(describeClient("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).toEqual({ browser: "Firefox", os: "Linux" });
  });

  test("a program goes by its name; nothing known is nothing", () => {
    expect(describeClient("curl/8.5.0")).toEqual({ browser: "curl", os: null });
    expect(describeClient("python-httpx/0.28.1")).toEqual({ browser: "python-httpx", os: null });
    expect(describeClient(null)).toEqual({ browser: null, os: null });
    expect(describeClient("Mozilla/5.0 (compatible)")).toEqual({ browser: null, os: null });
  });
});

describe("account page", () => {
  test("lists where I am signed in: device, address, when, and this device marked", async () => {
    render(api());
    expect(await screen.findByRole("heading", { level: 2, name: "Where you're signed in" })).toBeInTheDocument();
    const mine = await waitFor(() => entry("Chrome on macOS"));
    expect(within(mine).getByText("This device")).toBeInTheDocument();
    expect(within(mine).getByText("203.0.113.7")).toBeInTheDocument();
    expect(within(mine).getByText("Signed in")).toBeInTheDocument();
    expect(within(mine).getByText("Last active")).toBeInTheDocument();
    expect(within(mine).getByText("Last active").nextElementSibling!.querySelector("time")).toHaveAttribute("datetime", "2026-12-07T10:15:00Z");
    const phone = entry("Safari on iPhone");
    expect(within(phone).getByText("2001:db8::1")).toBeInTheDocument();
    expect(within(phone).queryByText("This device")).toBeNull();
    const list = sessionList();
    expect(within(list).getAllByRole("button").map((b) => b.getAttribute("aria-label"))).toEqual([
      "Sign out Chrome on macOS",
      "Sign out Firefox on Windows",
      "Sign out Safari on iPhone",
    ]);
    expect(await screen.findByText("mia@x.example")).toBeInTheDocument();
  });

  test("signing out another device asks first, then ends that sign-in only", async () => {
    const fake = api();
    render(fake);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out Firefox on Windows" }));
    const dialog = screen.getByRole("dialog", { name: "Sign out this device?" });
    expect(dialog).toHaveTextContent("Firefox on Windows will be signed out at once");
    // Cancel leaves everything as it was.
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fake.calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Sign out Firefox on Windows" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Sign out" }));
    expect(await screen.findByText("Firefox on Windows is signed out.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText("Firefox on Windows", { selector: "strong" })).toBeNull());
    expect(fake.calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/api/v1/me/sessions/s-2"]);
    expect(screen.queryByRole("dialog")).toBeNull();
    // Still signed in here.
    expect(localStorage.getItem(STORAGE_KEY)).not.toBeNull();
  });

  test("sign out everywhere else keeps only this device", async () => {
    const fake = api();
    render(fake);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out everywhere else" }));
    const dialog = screen.getByRole("dialog", { name: "Sign out everywhere else?" });
    expect(dialog).toHaveTextContent("2 other sign-ins end at once. This device stays signed in.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Sign out everywhere else" }));
    expect(await screen.findByText("Signed out everywhere else.")).toBeInTheDocument();
    await waitFor(() => expect(within(sessionList()).getAllByRole("button")).toHaveLength(1));
    const ended = fake.calls.find((c) => c.method === "DELETE")!;
    expect(ended.path).toBe("/api/v1/me/sessions");
    expect(ended.search.get("except_current")).toBe("true");
    // Nobody else is left to sign out.
    expect(screen.queryByRole("button", { name: "Sign out everywhere else" })).toBeNull();
  });

  test("signing out this device is the ordinary sign-out", async () => {
    const fake = api();
    render(fake);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out Chrome on macOS" }));
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("You will be signed out on this device.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(localStorage.getItem(STORAGE_KEY)).toBeNull());
    expect(fake.calls.find((c) => c.path === "/api/v1/auth/logout")!.body).toEqual({ refresh_token: "refresh-1" });
  });

  test("“What I may do” shows my levels as the read-only access grid and my other permissions by name", async () => {
    const fake = api();
    render(fake);
    const section = await screen.findByRole("region", { name: "What I may do" });
    const grid = await within(section).findByRole("table", { name: "My access to records" });
    const row = (kind: string) => within(grid).getByRole("rowheader", { name: kind }).closest("tr")!;
    expect([...row("Contacts").querySelectorAll("td")].map((td) => td.textContent)).toEqual(["All", "Own", "Own"]);
    expect([...row("Tasks").querySelectorAll("td")].map((td) => td.textContent)).toEqual(["Team", "Own", "None"]);
    expect([...row("Requests").querySelectorAll("td")].map((td) => td.textContent)).toEqual(["None", "None", "None"]);
    // Read-only: nothing to choose.
    expect(within(grid).queryByRole("combobox")).toBeNull();
    // The permissions beyond records, translated; the record permissions are the grid's.
    const grants = within(section).getByRole("list");
    expect(within(grants).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["See reports", "See users"]);
    expect(within(section).queryByText("Read contacts")).toBeNull();
    expect(fake.calls.some((c) => c.method === "GET" && c.path === "/api/v1/me/permissions")).toBe(true);
  });

  test("“What I may do” in German", async () => {
    render(api(), "de");
    const section = await screen.findByRole("region", { name: "Was ich darf" });
    expect(await within(section).findByRole("table", { name: "Mein Zugriff auf Datensätze" })).toBeInTheDocument();
    expect(within(section).getByRole("rowheader", { name: "Kontakte" })).toBeInTheDocument();
    expect(within(section).getByText("Berichte sehen")).toBeInTheDocument();
  });

  test("speaks the interface's language", async () => {
    render(api(), "de");
    expect(await screen.findByRole("heading", { level: 2, name: "Wo Sie angemeldet sind" })).toBeInTheDocument();
    const mine = await waitFor(() => entry("Chrome unter macOS"));
    expect(within(mine).getByText("Dieses Gerät")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Überall sonst abmelden" })).toBeInTheDocument();
  });
});
