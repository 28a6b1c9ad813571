import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import { ContactPage } from "../src/pages/ContactPage";
import { ContactsPage } from "../src/pages/Contacts";
import { STORAGE_KEY } from "../src/session";
import { acc, ALL_PERMS, fakeApi, fakeToken, json, renderScreen, signedIn } from "./helpers";

const contact = (id: string, name: string, tags: string[] = []) => ({
  id, first_name: name, last_name: "Test", full_name: `${name} Test`, emails: [{ email: `${id}@x.example` }], phones: [],
  title: null, company_id: null, country: "DE", city: null, lifecycle_stage: "prospect", tags, version: 2, owner_id: "u-me",
  team_id: null, custom_fields: {}, source: null, marketing_consent: false, last_interaction_at: null,
  next_interaction_at: null, interaction_count: 0, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-02T00:00:00Z",
});

beforeEach(() => signedIn());

describe("contacts", () => {
  test("filters go to the API, and the next page loads by cursor", async () => {
    const api = fakeApi({
      "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts": (call) =>
        call.search.get("cursor") === "next-1"
          ? json({ items: [contact("c3", "Cleo")], next_cursor: null })
          : json({ items: [contact("c1", "Anna"), contact("c2", "Ben")], next_cursor: "next-1" }),
    });
    renderScreen(<ContactsPage />, { route: "/contacts?stage=prospect&tag=vip&country=DE", path: "/contacts", fetch: api.fetch });
    await screen.findByRole("link", { name: "Anna Test" });
    const first = api.calls.find((c) => c.path === "/api/v1/contacts")!;
    expect(Object.fromEntries(first.search)).toMatchObject({ lifecycle_stage: "prospect", tag: "vip", country: "DE", sort: "name" });
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByRole("link", { name: "Cleo Test" });
    fireEvent.click(screen.getByRole("button", { name: "Name" }));
    await waitFor(() => expect(api.calls.at(-1)!.search.get("sort")).toBe("-name"));
  });

  test("tags the selected contacts in one batch, keeping their tags and versions", async () => {
    const api = fakeApi({
      "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts": () => json({ items: [contact("c1", "Anna", ["vip"]), contact("c2", "Ben")], next_cursor: null }),
      "POST /api/v1/contacts/batch": () => json({ items: [] }),
    });
    renderScreen(<ContactsPage />, { route: "/contacts", path: "/contacts", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("checkbox", { name: "Select all shown" }));
    const bulk = screen.getByRole("region", { name: "2 selected" });
    fireEvent.change(within(bulk).getByLabelText("Tag to add"), { target: { value: "fair-2027" } });
    fireEvent.click(within(bulk).getByRole("button", { name: "Add tag" }));
    expect(await screen.findByText("2 contacts updated.")).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({
      items: [
        { id: "c1", version: 2, tags: ["vip", "fair-2027"] },
        { id: "c2", version: 2, tags: ["fair-2027"] },
      ],
    });
  });

  test("columns can be hidden, and stay hidden", async () => {
    const api = fakeApi({
      "GET /api/v1/contacts": () => json({ items: [contact("c1", "Anna")], next_cursor: null }),
    });
    const { unmount } = renderScreen(<ContactsPage />, { route: "/contacts", path: "/contacts", fetch: api.fetch });
    await screen.findByRole("link", { name: "Anna Test" });
    fireEvent.click(screen.getByRole("checkbox", { name: "Country" }));
    expect(screen.queryByRole("columnheader", { name: "Country" })).toBeNull();
    unmount();
    renderScreen(<ContactsPage />, { route: "/contacts", path: "/contacts", fetch: api.fetch });
    await screen.findByRole("link", { name: "Anna Test" });
    expect(screen.queryByRole("columnheader", { name: "Country" })).toBeNull();
    expect(screen.getByRole("columnheader", { name: "Owner" })).toBeInTheDocument();
  });

  test("a suggested duplicate is merged into the contact after a confirmation", async () => {
    const api = fakeApi({
      "GET /api/v1/contacts/c1": () => json(contact("c1", "Anna")),
      "GET /api/v1/contacts/c1/duplicates": () => json({ items: [{ contact: contact("c2", "Anne"), reasons: ["email"] }] }),
      "GET /api/v1/contacts/c1/timeline": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
      "POST /api/v1/contacts/c1/merge": () => json(contact("c1", "Anna")),
    });
    renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: api.fetch });
    const section = await screen.findByRole("region", { name: "Possible duplicates" });
    expect(within(section).getByText("same e-mail")).toBeInTheDocument();
    fireEvent.click(within(section).getByRole("button", { name: "Merge into this contact" }));
    const dialog = screen.getByRole("dialog", { name: "Merge “Anne Test” into this contact?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Merge into this contact" }));
    expect(await screen.findByText("Merged.")).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({ source_id: "c2" });
  });
  test("converting a lead reads the amount in the interface language, and refuses what it cannot read", async () => {
    const lead = { ...contact("c1", "Anna"), lifecycle_stage: "lead" };
    const api = fakeApi({
      "GET /api/v1/contacts/c1": () => json(lead),
      "GET /api/v1/contacts/c1/duplicates": () => json({ items: [] }),
      "GET /api/v1/contacts/c1/timeline": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
      "POST /api/v1/contacts/c1/convert": () => json({ contact: lead, deal: null }, 201),
    });
    renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: api.fetch, lang: "de" });
    const section = await screen.findByRole("region", { name: "In eine Verkaufschance umwandeln" });
    const amount = within(section).getByLabelText("Betrag");
    fireEvent.change(amount, { target: { value: "1.5OO" } });
    fireEvent.click(within(section).getByRole("button", { name: "Verkaufschance anlegen" }));
    expect(amount).toHaveAttribute("aria-invalid", "true");
    expect(amount).toHaveAccessibleDescription("Das ist kein Betrag. Bitte so eingeben: 12.345,67.");
    expect(api.calls.some((c) => c.method === "POST")).toBe(false);
    fireEvent.change(amount, { target: { value: "1.500" } });
    fireEvent.click(within(section).getByRole("button", { name: "Verkaufschance anlegen" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({ amount: 150_000, currency: "EUR" });
  });
  test("the details come first: the phone to call and the e-mail, then the quick actions, then the timeline", async () => {
    const api = fakeApi({
      "GET /api/v1/contacts/c1": () => json({ ...contact("c1", "Anna"), phones: [{ phone: "+46 8 123 456" }] }),
      "GET /api/v1/contacts/c1/duplicates": () => json({ items: [] }),
      "GET /api/v1/contacts/c1/timeline": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
    });
    renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: api.fetch });
    const phone = await screen.findByRole("link", { name: "+46 8 123 456" });
    expect(phone).toHaveAttribute("href", "tel:+46 8 123 456");
    expect(screen.getByRole("link", { name: "c1@x.example" })).toHaveAttribute("href", "mailto:c1@x.example");
    const details = screen.getByRole("region", { name: "Details" });
    const call = screen.getByRole("button", { name: "Call" });
    const timeline = screen.getByRole("region", { name: "Timeline" });
    const before = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(details).toContainElement(phone);
    expect(before(details, call)).toBe(true);
    expect(before(call, timeline)).toBe(true);
  });

  describe("what the write level reaches", () => {
    /** Reads every contact; changes them at `write` (o: own, t: team), archives them at
     * `archive` (as far as write unless given); a member of t-1. */
    const signedInWriting = (write: "o" | "t", archive: "n" | "o" | "t" = write) =>
      localStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({
          accessToken: fakeToken(ALL_PERMS, { acc: acc("ooo", { contacts: `a${write}${archive}` }), team: "t-1" }),
          refreshToken: "r",
          expiresAt: Date.now() + 600_000,
        }),
      );
    const colleagues = (id: string, name: string, team: string | null, extra: Record<string, unknown> = {}) => ({
      ...contact(id, name),
      owner_id: "u-ann",
      team_id: team,
      ...extra,
    });
    const pageApi = (shown: unknown, duplicates: unknown[] = []) =>
      fakeApi({
        "GET /api/v1/contacts/c1": () => json(shown),
        "GET /api/v1/contacts/c1/duplicates": () => json({ items: duplicates }),
        "GET /api/v1/contacts/c1/timeline": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
        "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      });

    test("at own, a colleague's contact reads without Edit, Convert or Merge; one's own has them", async () => {
      signedInWriting("o");
      const theirs = colleagues("c1", "Anna", "t-1", { lifecycle_stage: "lead" });
      const api = pageApi(theirs, [{ contact: contact("c2", "Anne"), reasons: ["email"] }]);
      const { unmount } = renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: api.fetch });
      expect(await screen.findByRole("heading", { level: 1, name: "Anna Test" })).toBeInTheDocument();
      expect(screen.queryByRole("link", { name: "Edit" })).toBeNull();
      expect(screen.queryByRole("region", { name: "Convert to a deal" })).toBeNull();
      const duplicates = await screen.findByRole("region", { name: "Possible duplicates" });
      expect(within(duplicates).getByRole("link", { name: "Anne Test" })).toBeInTheDocument();
      expect(within(duplicates).queryByRole("button", { name: "Merge into this contact" })).toBeNull();
      unmount();

      const mine = { ...contact("c1", "Anna"), lifecycle_stage: "lead" };
      renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: pageApi(mine, [{ contact: contact("c2", "Anne"), reasons: ["email"] }]).fetch });
      expect(await screen.findByRole("link", { name: "Edit" })).toHaveAttribute("href", "/contacts/c1/edit");
      expect(screen.getByRole("region", { name: "Convert to a deal" })).toBeInTheDocument();
      expect(await screen.findByRole("button", { name: "Merge into this contact" })).toBeInTheDocument();
    });

    test("merging archives the match: Merge is offered only where the archive level reaches the match too", async () => {
      // Changes the team's contacts, archives only its own.
      signedInWriting("t", "o");
      const matches = [
        { contact: colleagues("c2", "Ben", "t-1"), reasons: ["email"] },
        { contact: contact("c3", "Cleo"), reasons: ["phone"] },
      ];
      const mergeAt = (name: string) =>
        within(screen.getByRole("link", { name }).closest("li")!).queryByRole("button", { name: "Merge into this contact" });
      // A teammate's contact shown: changing it is enough, it is not archived.
      const { unmount } = renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: pageApi(colleagues("c1", "Anna", "t-1"), matches).fetch });
      await screen.findByRole("region", { name: "Possible duplicates" });
      expect(mergeAt("Ben Test")).toBeNull();
      expect(mergeAt("Cleo Test")).toBeInTheDocument();
      unmount();

      // Archiving nothing: nothing is merged away, though everything shown can be edited.
      signedInWriting("t", "n");
      renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: pageApi(contact("c1", "Anna"), matches).fetch });
      await screen.findByRole("region", { name: "Possible duplicates" });
      expect(screen.getByRole("link", { name: "Edit" })).toBeInTheDocument();
      expect(mergeAt("Ben Test")).toBeNull();
      expect(mergeAt("Cleo Test")).toBeNull();
    });

    test("at team, a teammate's contact can be edited, another team's cannot", async () => {
      signedInWriting("t");
      const { unmount } = renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: pageApi(colleagues("c1", "Anna", "t-1")).fetch });
      expect(await screen.findByRole("link", { name: "Edit" })).toBeInTheDocument();
      unmount();
      renderScreen(<ContactPage />, { route: "/contacts/c1", path: "/contacts/:id", fetch: pageApi(colleagues("c1", "Anna", "t-2")).fetch });
      expect(await screen.findByRole("heading", { level: 1, name: "Anna Test" })).toBeInTheDocument();
      expect(screen.queryByRole("link", { name: "Edit" })).toBeNull();
    });

    test("in the list only contacts the write level reaches can be picked; at own nobody is handed on", async () => {
      signedInWriting("o");
      const api = fakeApi({
        "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/contacts": () => json({ items: [contact("c1", "Anna"), colleagues("c2", "Ben", "t-1")], next_cursor: null }),
      });
      renderScreen(<ContactsPage />, { route: "/contacts", path: "/contacts", fetch: api.fetch });
      await screen.findByRole("link", { name: "Ben Test" });
      expect(screen.getByRole("checkbox", { name: "Select Anna Test" })).toBeInTheDocument();
      expect(screen.queryByRole("checkbox", { name: "Select Ben Test" })).toBeNull();
      fireEvent.click(screen.getByRole("checkbox", { name: "Select all shown" }));
      const bulk = screen.getByRole("region", { name: "1 selected" });
      expect(screen.getByRole("checkbox", { name: "Select all shown" })).toBeChecked();
      expect(within(bulk).getByLabelText("Tag to add")).toBeInTheDocument();
      expect(within(bulk).queryByLabelText("New owner")).toBeNull();
    });

    test("at team, contacts are handed only to teammates", async () => {
      signedInWriting("t");
      const user = (id: string, name: string, team: string | null) => ({ id, full_name: name, email: `${id}@x.example`, team_id: team, is_active: true });
      const api = fakeApi({
        "GET /api/v1/users": () => json({ items: [user("u-me", "Me Myself", "t-1"), user("u-ann", "Ann", "t-1"), user("u-bob", "Bob", "t-2")], next_cursor: null }),
        "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
        "GET /api/v1/contacts": () => json({ items: [contact("c1", "Anna"), colleagues("c2", "Ben", "t-1"), colleagues("c3", "Cleo", "t-2")], next_cursor: null }),
      });
      renderScreen(<ContactsPage />, { route: "/contacts", path: "/contacts", fetch: api.fetch });
      await screen.findByRole("link", { name: "Cleo Test" });
      expect(screen.queryByRole("checkbox", { name: "Select Cleo Test" })).toBeNull();
      fireEvent.click(screen.getByRole("checkbox", { name: "Select all shown" }));
      const bulk = screen.getByRole("region", { name: "2 selected" });
      const owner = within(bulk).getByLabelText("New owner");
      await within(owner).findByRole("option", { name: "Ann" });
      expect(within(owner).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "Me", "Ann"]);
    });
  });
});
