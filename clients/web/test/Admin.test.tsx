import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";

import AdminPage, { mayGrant } from "../src/pages/Admin";
import { type Claims, parseAccess, STORAGE_KEY } from "../src/session";
import { acc, fakeApi, fakeToken, json, problem, renderScreen } from "./helpers";

const KINDS = ["contacts", "companies", "deals", "interactions", "tasks", "requests"] as const;

/** A role as the API lists it: `permissions` are its grants plus the record permissions
 * its levels imply. */
const role = (name: string, rank: number, grants: string[], access = acc("ooo")) => {
  const matrix = parseAccess(access);
  const implied = KINDS.flatMap((kind) => [
    ...(matrix[kind].read !== "none" ? [`${kind}:read`] : []),
    ...(matrix[kind].write !== "none" ? [`${kind}:write`] : []),
  ]);
  return {
    id: `r-${name}`, name, rank, access: matrix, permissions: [...implied, ...grants].sort(), description: "", is_template: true,
    template_key: null as string | null, version: 1,
  };
};
/** A Senior manager's levels: the directory read all, written and archived team; the rest
 * team throughout. */
const SENIOR = acc("ttt", { contacts: "att", companies: "att" });
const ROLES = [
  role("Owner", 100, ["users:manage", "roles:manage"], acc("aaa")),
  role("Senior manager", 50, ["users:read", "users:manage"], SENIOR),
  role("Manager", 30, ["users:read"], acc("ooo", { contacts: "aoo", companies: "aoo" })),
  role("Wide writer", 20, [], acc("nnn", { contacts: "aaa" })),
  role("Exporter", 20, ["data:export"], acc("ooo")),
  role("Salesperson", 20, ["users:read"], acc("ooo", { contacts: "aoo", companies: "aoo" })),
];

function signInAs(perms: string[], extra: Record<string, unknown> = { rank: 50, acc: SENIOR }) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: fakeToken(perms, extra), refreshToken: "r", expiresAt: Date.now() + 600_000 }));
}

const optionValues = (select: HTMLElement) => within(select).getAllByRole("option").map((o) => o.getAttribute("value"));

describe("administration", () => {
  test("a role is grantable only below one's rank, within one's permissions and access levels", () => {
    const claims: Claims = { sub: "u", role: "r", rank: 50, perms: ["contacts:read", "users:read", "users:manage"], acc: SENIOR, exp: 0 };
    const offered = ROLES.filter((r) => mayGrant(r, claims)).map((r) => r.name);
    expect(offered).toEqual(["Manager", "Salesperson"]);
  });

  test("the user form offers only the roles the user may grant", async () => {
    signInAs(["contacts:read", "users:read", "users:manage"]);
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

  test("template roles, their access and permissions are shown in the interface's language", async () => {
    signInAs(["contacts:read", "roles:manage"]);
    const seller = { ...role("Salesperson", 20, ["users:read"], acc("ooo", { contacts: "aoo", companies: "aoo" })), template_key: "salesperson" };
    const custom = { ...role("Field scouts", 15, [], acc("nnn", { contacts: "ann" })), is_template: false };
    const careful = { ...role("Careful", 14, [], acc("nnn", { contacts: "aon", companies: "aon" })), is_template: false };
    const api = fakeApi({ "GET /api/v1/roles": () => json({ items: [seller, custom, careful] }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch, lang: "de" });
    const row = (await screen.findByRole("rowheader", { name: /Verkäufer/ })).closest("tr")!;
    expect(within(row).getByText("Kontakte, Firmen — lesen: Alle, ändern: Eigene")).toBeInTheDocument();
    expect(within(row).getByText("Verkaufschancen, Interaktionen, Aufgaben, Anfragen — lesen: Eigene, ändern: Eigene")).toBeInTheDocument();
    // Record permissions follow from the levels: only the others are listed.
    expect(within(row).getByRole("cell", { name: "Benutzer sehen" })).toBeInTheDocument();
    // A custom role keeps the name its makers gave it.
    const scouts = screen.getByRole("rowheader", { name: /Field scouts/ }).closest("tr")!;
    expect(within(scouts).getByText("Kontakte — lesen: Alle, ändern: Keine")).toBeInTheDocument();
    // Archiving is named only where it reaches less far than changing.
    const carefulRow = screen.getByRole("rowheader", { name: /Careful/ }).closest("tr")!;
    expect(within(carefulRow).getByText("Kontakte, Firmen — lesen: Alle, ändern: Eigene, archivieren: Keine")).toBeInTheDocument();
    expect(within(row).queryByText(/archivieren/)).toBeNull();
    expect(screen.queryByText("Salesperson")).toBeNull();
  });

  test("the roles table summarises each role's access; a template's grid shows on request, read-only", async () => {
    signInAs(["contacts:read", "roles:manage"]);
    const storekeeper = { ...role("Storekeeper", 10, [], acc("nnn", { contacts: "ann", companies: "ann" })), template_key: "storekeeper" };
    const nothing = { ...role("Nobody", 5, [], acc("nnn")), is_template: false };
    const api = fakeApi({ "GET /api/v1/roles": () => json({ items: [ROLES[0], storekeeper, nothing] }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const owner = (await screen.findByRole("rowheader", { name: /Owner/ })).closest("tr")!;
    expect(within(owner).getByText("All records — read: All, write: All")).toBeInTheDocument();
    const keeper = screen.getByRole("rowheader", { name: /Storekeeper/ }).closest("tr")!;
    expect(within(keeper).getByText("Contacts, Companies — read: All, write: None")).toBeInTheDocument();
    expect(within(screen.getByRole("rowheader", { name: /Nobody/ }).closest("tr")!).getByText("No customer records")).toBeInTheDocument();
    // Templates are not edited; their grid opens and closes.
    expect(screen.queryByRole("button", { name: "Edit Storekeeper" })).toBeNull();
    const show = within(keeper).getByRole("button", { name: "Show access: Storekeeper" });
    expect(show).toHaveAttribute("aria-expanded", "false");
    fireEvent.click(show);
    expect(show).toHaveAttribute("aria-expanded", "true");
    const grid = screen.getByRole("table", { name: "Access of Storekeeper" });
    expect(within(grid).queryByRole("combobox")).toBeNull();
    expect(within(grid).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Records", "Read", "Write", "Archive"]);
    const contacts = within(grid).getByRole("rowheader", { name: "Contacts" }).closest("tr")!;
    expect(within(contacts).getAllByRole("cell").map((c) => c.textContent)).toEqual(["All", "None", "None"]);
    const deals = within(grid).getByRole("rowheader", { name: "Deals" }).closest("tr")!;
    expect(within(deals).getAllByRole("cell").map((c) => c.textContent)).toEqual(["None", "None", "None"]);
    fireEvent.click(show);
    expect(screen.queryByRole("table", { name: "Access of Storekeeper" })).toBeNull();
  });

  test("the new role's grid offers only levels within one's own, write never wider than read, archive than write", async () => {
    signInAs(["contacts:read", "reports:read", "roles:manage"]);
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: ROLES }),
      "POST /api/v1/roles": () => json(role("Junior", 10, ["reports:read"]), 201),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    expect(await screen.findByRole("cell", { name: "100" })).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Add a custom role" });
    const rank = within(form).getByLabelText("Rank");
    expect(rank).toHaveAttribute("max", "49");
    const grid = within(form).getByRole("table", { name: "Access to records" });
    expect(grid).toHaveAccessibleDescription(/Only levels up to your own are offered/);
    // A new role starts with no access at all.
    for (const kind of ["Contacts", "Companies", "Deals", "Interactions", "Tasks", "Requests"]) {
      expect(within(grid).getByLabelText(`${kind}: read`)).toHaveValue("none");
      expect(within(grid).getByLabelText(`${kind}: write`)).toHaveValue("none");
      expect(within(grid).getByLabelText(`${kind}: archive`)).toHaveValue("none");
    }
    const contactsRead = within(grid).getByLabelText("Contacts: read");
    const contactsWrite = within(grid).getByLabelText("Contacts: write");
    const contactsArchive = within(grid).getByLabelText("Contacts: archive");
    expect(optionValues(contactsRead)).toEqual(["none", "own", "team", "all"]);
    expect(within(contactsRead).getAllByRole("option").map((o) => o.textContent)).toEqual(["None", "Own", "Team", "All"]);
    // Write: nothing wider than the chosen read (none yet), nor than one's own (team).
    expect(optionValues(contactsWrite)).toEqual(["none"]);
    fireEvent.change(contactsRead, { target: { value: "all" } });
    expect(optionValues(contactsWrite)).toEqual(["none", "own", "team"]);
    fireEvent.change(contactsWrite, { target: { value: "own" } });
    // Archive goes along with write, and is offered no wider than it.
    expect(contactsArchive).toHaveValue("own");
    expect(optionValues(contactsArchive)).toEqual(["none", "own"]);
    // Deals: team at most, for reading and writing.
    const dealsRead = within(grid).getByLabelText("Deals: read");
    const dealsWrite = within(grid).getByLabelText("Deals: write");
    expect(optionValues(dealsRead)).toEqual(["none", "own", "team"]);
    fireEvent.change(dealsRead, { target: { value: "team" } });
    fireEvent.change(dealsWrite, { target: { value: "team" } });
    const dealsArchive = within(grid).getByLabelText("Deals: archive");
    expect(dealsArchive).toHaveValue("team");
    // Lowering read lowers write, and archive, with it.
    fireEvent.change(dealsRead, { target: { value: "own" } });
    expect(dealsWrite).toHaveValue("own");
    expect(dealsArchive).toHaveValue("own");
    expect(optionValues(dealsWrite)).toEqual(["none", "own"]);
    // Deals are archived by nobody in this role.
    fireEvent.change(dealsArchive, { target: { value: "none" } });
    expect(dealsWrite).toHaveValue("own");

    // Record permissions are the grid's; only the others one holds are checkboxes.
    const permissions = within(form).getByRole("group", { name: "Other permissions (only those you hold)" });
    expect(within(permissions).getAllByRole("checkbox").map((c) => c.parentElement!.textContent)).toEqual([
      "See reports reports:read",
      "Manage roles roles:manage",
    ]);
    fireEvent.change(within(form).getByLabelText("Role name"), { target: { value: "Junior" } });
    fireEvent.change(rank, { target: { value: "10" } });
    fireEvent.click(within(permissions).getByRole("checkbox", { name: "See reports reports:read" }));
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "Junior",
      rank: 10,
      access: {
        contacts: { read: "all", write: "own", archive: "own" },
        companies: { read: "none", write: "none", archive: "none" },
        deals: { read: "own", write: "own", archive: "none" },
        interactions: { read: "none", write: "none", archive: "none" },
        tasks: { read: "none", write: "none", archive: "none" },
        requests: { read: "none", write: "none", archive: "none" },
      },
      permissions: ["reports:read"],
    });
  });

  test("the archive column offers no wider than the chosen write nor one's own archive level; lowering write lowers archive", async () => {
    // Reads contacts all, writes them team, archives only one's own.
    signInAs(["contacts:read", "roles:manage"], { rank: 50, acc: acc("ttt", { contacts: "ato" }) });
    const api = fakeApi({ "GET /api/v1/roles": () => json({ items: ROLES }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const form = await screen.findByRole("form", { name: "Add a custom role" });
    const grid = within(form).getByRole("table", { name: "Access to records" });
    expect(within(grid).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Records", "Read", "Write", "Archive"]);
    const read = within(grid).getByLabelText("Contacts: read");
    const write = within(grid).getByLabelText("Contacts: write");
    const archive = within(grid).getByLabelText("Contacts: archive");
    expect(optionValues(archive)).toEqual(["none"]);
    fireEvent.change(read, { target: { value: "all" } });
    fireEvent.change(write, { target: { value: "team" } });
    // Write goes as far as one's own (team); archive follows only as far as one archives.
    expect(optionValues(write)).toEqual(["none", "own", "team"]);
    expect(archive).toHaveValue("own");
    expect(optionValues(archive)).toEqual(["none", "own"]);
    // Deals: one archives as far as one writes (team), within the chosen write.
    fireEvent.change(within(grid).getByLabelText("Deals: read"), { target: { value: "team" } });
    fireEvent.change(within(grid).getByLabelText("Deals: write"), { target: { value: "team" } });
    const dealsArchive = within(grid).getByLabelText("Deals: archive");
    expect(dealsArchive).toHaveValue("team");
    expect(optionValues(dealsArchive)).toEqual(["none", "own", "team"]);
    // Lowering write lowers archive; the options shrink with it.
    fireEvent.change(within(grid).getByLabelText("Deals: write"), { target: { value: "own" } });
    expect(dealsArchive).toHaveValue("own");
    expect(optionValues(dealsArchive)).toEqual(["none", "own"]);
    fireEvent.change(within(grid).getByLabelText("Deals: write"), { target: { value: "none" } });
    expect(dealsArchive).toHaveValue("none");
    expect(optionValues(dealsArchive)).toEqual(["none"]);
    // Roles that archive further than one does are not one's to grant or edit.
    const claims: Claims = { sub: "u", role: "r", rank: 50, perms: [], acc: acc("ttt", { contacts: "ato" }), exp: 0 };
    expect(mayGrant(role("Narrow", 10, [], acc("nnn", { contacts: "ato" })), claims)).toBe(true);
    expect(mayGrant(role("Wide archiver", 10, [], acc("nnn", { contacts: "att" })), claims)).toBe(false);
  });

  test("a level the API refuses shows at its select", async () => {
    signInAs(["contacts:read", "roles:manage"]);
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: ROLES }),
      "POST /api/v1/roles": () =>
        problem(403, "Role 'Junior' reaches further than you.", [
          { field: "access.contacts.write", code: "not_allowed", message: "reaches further than your own access", params: {} },
        ]),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const form = await screen.findByRole("form", { name: "Add a custom role" });
    fireEvent.change(within(form).getByLabelText("Role name"), { target: { value: "Junior" } });
    fireEvent.change(within(form).getByLabelText("Contacts: read"), { target: { value: "team" } });
    fireEvent.change(within(form).getByLabelText("Contacts: write"), { target: { value: "team" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    const write = within(form).getByLabelText("Contacts: write");
    await waitFor(() => expect(write).toHaveAttribute("aria-invalid", "true"));
    expect(write).toHaveAccessibleDescription("You may not set this value.");
    expect(within(form).getByLabelText("Contacts: read")).not.toHaveAttribute("aria-invalid");
    expect(within(form).getByRole("alert")).toHaveTextContent("Please correct the marked fields.");
  });

  test("an archive level the API refuses shows at its archive select", async () => {
    signInAs(["contacts:read", "roles:manage"]);
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: ROLES }),
      "POST /api/v1/roles": () =>
        problem(422, "The access levels are not valid.", [
          { field: "access.deals.archive", code: "not_allowed", message: "archive may not reach further than write", params: {} },
        ]),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    const form = await screen.findByRole("form", { name: "Add a custom role" });
    fireEvent.change(within(form).getByLabelText("Role name"), { target: { value: "Junior" } });
    fireEvent.change(within(form).getByLabelText("Deals: read"), { target: { value: "own" } });
    fireEvent.change(within(form).getByLabelText("Deals: write"), { target: { value: "own" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create" }));
    const archive = within(form).getByLabelText("Deals: archive");
    await waitFor(() => expect(archive).toHaveAttribute("aria-invalid", "true"));
    expect(archive).toHaveAccessibleDescription("You may not set this value.");
    expect(within(form).getByLabelText("Deals: write")).not.toHaveAttribute("aria-invalid");
    expect(within(form).getByLabelText("Deals: read")).not.toHaveAttribute("aria-invalid");
    // Shown at its select, not as a problem of the grid as a whole.
    expect(within(form).getAllByRole("alert").map((a) => a.textContent)).toEqual(["Please correct the marked fields."]);
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({ access: { deals: { read: "own", write: "own", archive: "own" } } });
  });

  describe("editing users", () => {
    const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
      id, email: `${id}@x.example`, full_name: name, is_active: true, last_login_at: null, role: { id: "r-Salesperson", name: "Salesperson", rank: 20 },
      team_id: null, version: 4, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-02T00:00:00Z", ...extra,
    });
    const TEAMS = [{ id: "t-1", name: "North", version: 1 }];
    const signIn = () => signInAs(["contacts:read", "users:read", "users:manage"]);

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
    signInAs(["contacts:read", "roles:manage"]);
    const custom = { ...role("Junior", 10, [], acc("nnn", { contacts: "aoo" })), id: "r-custom", is_template: false, version: 2 };
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: [...ROLES, custom] }),
      "PATCH /api/v1/roles/r-custom": () => json({ ...custom, rank: 15, version: 3 }),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Edit Junior" }));
    expect(screen.getAllByRole("button", { name: /^Edit / })).toHaveLength(1);
    const form = screen.getByRole("form", { name: "Edit Junior" });
    const rank = within(form).getByLabelText("Rank");
    expect(rank).toHaveValue(10);
    expect(within(form).getByLabelText("Contacts: read")).toHaveValue("all");
    expect(within(form).getByLabelText("Contacts: write")).toHaveValue("own");
    expect(within(form).getByLabelText("Contacts: archive")).toHaveValue("own");
    fireEvent.change(rank, { target: { value: "15" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"2"');
    expect(patch.body).toEqual({ rank: 15 });
  });

  test("a changed level sends the whole matrix, changed permissions their list, and nothing else", async () => {
    signInAs(["contacts:read", "reports:read", "roles:manage"]);
    const custom = { ...role("Junior", 10, ["reports:read"], acc("nnn", { contacts: "aoo" })), id: "r-custom", is_template: false, version: 2 };
    const api = fakeApi({
      "GET /api/v1/roles": () => json({ items: [...ROLES, custom] }),
      "PATCH /api/v1/roles/r-custom": () => json({ ...custom, version: 3 }),
    });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Edit Junior" }));
    const form = screen.getByRole("form", { name: "Edit Junior" });
    const permissions = within(form).getByRole("group", { name: "Other permissions (only those you hold)" });
    expect(within(permissions).getByRole("checkbox", { name: "See reports reports:read" })).toBeChecked();
    expect(within(permissions).queryByRole("checkbox", { name: /contacts:read/ })).toBeNull();
    fireEvent.change(within(form).getByLabelText("Tasks: read"), { target: { value: "team" } });
    fireEvent.change(within(form).getByLabelText("Tasks: write"), { target: { value: "own" } });
    fireEvent.click(within(permissions).getByRole("checkbox", { name: "See reports reports:read" }));
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"2"');
    expect(patch.body).toEqual({
      access: {
        contacts: { read: "all", write: "own", archive: "own" },
        companies: { read: "none", write: "none", archive: "none" },
        deals: { read: "none", write: "none", archive: "none" },
        interactions: { read: "none", write: "none", archive: "none" },
        tasks: { read: "team", write: "own", archive: "own" },
        requests: { read: "none", write: "none", archive: "none" },
      },
      permissions: [],
    });
  });

  test("a stage is removed with its deals moved to a stage of the same kind", async () => {
    signInAs(["deals:read", "pipelines:manage"], { rank: 100, acc: acc("aaa") });
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
    signInAs(["deals:read", "pipelines:manage"], { rank: 100, acc: acc("aaa") });
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
