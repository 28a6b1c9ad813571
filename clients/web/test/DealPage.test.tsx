import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import DealPage from "../src/pages/DealPage";
import { acc, ALL_PERMS, type Call, fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const STAGES = [
  { id: "s-new", name: "New", kind: "open", position: 0, probability: 10, rotting_days: null },
  { id: "s-won", name: "Won", kind: "won", position: 1, probability: 100, rotting_days: null },
];
const PIPELINE = { id: "p-1", name: "Sales", is_default: true, stages: STAGES, version: 1 };
const DEAL = {
  id: "d-1", title: "Pilot for Acme", amount: 1_500_000, currency: "EUR", stage_id: "s-new", pipeline_id: "p-1",
  status: "open", owner_id: "u-me", team_id: null, contact_id: "c-1", company_id: null, expected_close: "2027-01-31",
  source: null, tags: [], custom_fields: {}, lost_reason: null, won_at: null, lost_at: null,
  stage_entered_at: "2026-11-24T15:30:00Z", created_at: "2026-11-18T10:00:00Z", updated_at: "2026-11-24T15:30:00Z", version: 3,
};
const USERS = [
  { id: "u-me", full_name: "Me Myself", email: "me@x.example", is_active: true },
  { id: "u-2", full_name: "Bea Colleague", email: "bea@x.example", is_active: true },
];
const contact = (id: string, first: string) => ({ id, full_name: `${first} Test`, first_name: first, last_name: "Test", emails: [{ email: `${id}@x.example` }] });

type Handler = (call: Call) => Response;

function api(patch: Handler, deal: () => typeof DEAL = () => DEAL) {
  return fakeApi({
    "GET /api/v1/deals/d-1": () => {
      const d = deal();
      return json(d, 200, { ETag: `"${d.version}"` });
    },
    "GET /api/v1/deals/d-1/stage-changes": () => json({ items: [] }),
    "GET /api/v1/pipelines": () => json({ items: [PIPELINE] }),
    "GET /api/v1/users": () => json({ items: USERS, next_cursor: null }),
    "GET /api/v1/contacts/c-1": () => json(contact("c-1", "Anna")),
    "GET /api/v1/contacts/c-2": () => json(contact("c-2", "Bruno")),
    "GET /api/v1/companies/co-1": () => json({ id: "co-1", name: "Acme GmbH", city: "Berlin", country: "DE" }),
    "GET /api/v1/contacts": (call) =>
      json({ items: call.search.get("q") === "Bru" ? [contact("c-2", "Bruno")] : [], next_cursor: null }),
    "GET /api/v1/companies": (call) =>
      json({ items: call.search.get("q") === "Acm" ? [{ id: "co-1", name: "Acme GmbH", city: "Berlin", country: "DE" }] : [], next_cursor: null }),
    "PATCH /api/v1/deals/d-1": patch,
  });
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === "PATCH");

async function openEditor(lang: "en" | "de" = "en", fake = api(() => json(DEAL))) {
  renderScreen(<DealPage />, { route: "/deals/d-1", path: "/deals/:id", fetch: fake.fetch, lang });
  await screen.findByRole("link", { name: "Anna Test" });
  fireEvent.click(screen.getByRole("button", { name: lang === "de" ? "Bearbeiten" : "Edit" }));
  return fake;
}

beforeEach(() => signedIn());

describe("deal page", () => {
  test("shows the linked contact and company by name", async () => {
    const fake = api(() => json(DEAL), () => ({ ...DEAL, company_id: "co-1" } as unknown as typeof DEAL));
    renderScreen(<DealPage />, { route: "/deals/d-1", path: "/deals/:id", fetch: fake.fetch });
    expect(await screen.findByRole("link", { name: "Anna Test" })).toHaveAttribute("href", "/contacts/c-1");
    expect(await screen.findByRole("link", { name: "Acme GmbH" })).toHaveAttribute("href", "/companies/co-1");
  });

  test("edits title, amount, contact, company, close date and owner, sending only the changes with If-Match", async () => {
    const fake = await openEditor("en", api((call) => json({ ...DEAL, ...(call.body as object), version: 4 }, 200, { ETag: '"4"' })));
    const form = screen.getByRole("region", { name: "Edit the deal" });
    expect(within(form).getByLabelText("Title")).toHaveFocus();
    expect(within(form).getByLabelText("Amount")).toHaveValue("15,000.00");
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: "Pilot for Acme, phase 2" } });
    fireEvent.change(within(form).getByLabelText("Amount"), { target: { value: "12,345.67" } });

    const contactBox = within(form).getByRole("combobox", { name: "Contact" });
    expect(contactBox).toHaveValue("Anna Test");
    fireEvent.change(contactBox, { target: { value: "Bru" } });
    fireEvent.mouseDown(await within(form).findByRole("option", { name: /Bruno Test/ }));
    expect(contactBox).toHaveValue("Bruno Test");

    const companyBox = within(form).getByRole("combobox", { name: "Company" });
    fireEvent.change(companyBox, { target: { value: "Acm" } });
    await within(form).findByRole("option", { name: /Acme GmbH/ });
    fireEvent.keyDown(companyBox, { key: "Enter" });
    expect(companyBox).toHaveValue("Acme GmbH");
    expect(patches(fake.calls)).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText("Expected close"), { target: { value: "2027-03-15" } });
    fireEvent.change(within(form).getByLabelText("Owner"), { target: { value: "u-2" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(1));
    const [call] = patches(fake.calls);
    expect(call!.headers.get("if-match")).toBe('"3"');
    expect(call!.body).toEqual({
      title: "Pilot for Acme, phase 2",
      amount: 1_234_567,
      contact_id: "c-2",
      company_id: "co-1",
      expected_close: "2027-03-15",
      owner_id: "u-2",
    });
    expect(await screen.findByRole("heading", { level: 2, name: "Deal" })).toBeInTheDocument();
    expect(screen.getByText("Saved.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Edit" })).toHaveFocus();
  });

  test("only what changed is sent: a German amount, and unlinking the contact", async () => {
    const fake = await openEditor("de");
    const form = screen.getByRole("region", { name: "Verkaufschance bearbeiten" });
    const amount = within(form).getByLabelText("Betrag");
    expect(amount).toHaveValue("15.000,00");
    fireEvent.change(amount, { target: { value: "1.500" } });
    fireEvent.click(within(form).getByRole("button", { name: "Kontakt entfernen" }));
    fireEvent.click(within(form).getByRole("button", { name: "Speichern" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(1));
    expect(patches(fake.calls)[0]!.body).toEqual({ amount: 150_000, contact_id: null });
  });

  test("typing without picking keeps the linked contact; emptying the box unlinks it", async () => {
    const fake = await openEditor();
    const contactBox = screen.getByRole("combobox", { name: "Contact" });
    fireEvent.change(contactBox, { target: { value: "Nobody" } });
    fireEvent.blur(contactBox);
    expect(contactBox).toHaveValue("Anna Test");
    fireEvent.change(contactBox, { target: { value: "Bru" } });
    await screen.findByRole("option", { name: /Bruno Test/ });
    fireEvent.keyDown(contactBox, { key: "Escape" });
    expect(contactBox).toHaveValue("Anna Test");
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.change(contactBox, { target: { value: "" } });
    fireEvent.blur(contactBox);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(1));
    expect(patches(fake.calls)[0]!.body).toEqual({ contact_id: null });
  });

  test("nothing changed: nothing is sent", async () => {
    const fake = await openEditor();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("button", { name: "Edit" })).toBeInTheDocument();
    expect(patches(fake.calls)).toHaveLength(0);
  });

  test("an unreadable amount is refused at the field, and nothing is sent", async () => {
    const fake = await openEditor();
    const amount = screen.getByLabelText("Amount");
    for (const [text, message] of [
      ["ten", "This is not an amount. Type it like 12,345.67."],
      ["", "Enter an amount."],
      ["-1", "The amount cannot be negative."],
    ]) {
      fireEvent.change(amount, { target: { value: text } });
      fireEvent.click(screen.getByRole("button", { name: "Save" }));
      expect(amount).toHaveAttribute("aria-invalid", "true");
      expect(amount).toHaveAccessibleDescription(message);
    }
    expect(patches(fake.calls)).toHaveLength(0);
  });

  test("the API's field errors are marked at their fields", async () => {
    const fake = await openEditor(
      "en",
      api(() =>
        problem(422, "Validation failed", [
          { field: "contact_id", code: "not_found", message: "no such contact in your scope" },
        ]),
      ),
    );
    const contactBox = screen.getByRole("combobox", { name: "Contact" });
    fireEvent.change(contactBox, { target: { value: "Bru" } });
    fireEvent.mouseDown(await screen.findByRole("option", { name: /Bruno Test/ }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(contactBox).toHaveAttribute("aria-invalid", "true"));
    // Shown by its code, in the interface's language, never the API's English message.
    expect(contactBox).toHaveAccessibleDescription("The chosen record does not exist or is not visible to you.");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the marked fields.");
    expect(patches(fake.calls)).toHaveLength(1);
  });

  test("a 412 says someone else changed the deal, and reloads it; the next save sends the new ETag", async () => {
    let version = 3;
    const fake = api(
      (call) => (call.headers.get("if-match") === '"3"' ? problem(412, "The record changed.") : json({ ...DEAL, version: 5 }, 200, { ETag: '"5"' })),
      () => ({ ...DEAL, version, title: version === 3 ? DEAL.title : "Renamed by Bea" }),
    );
    await openEditor("en", fake);
    version = 4;
    fireEvent.change(screen.getByLabelText("Amount"), { target: { value: "99" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText(/Someone else changed this deal/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText("Title")).toHaveValue("Renamed by Bea"));
    expect(screen.getByLabelText("Amount")).toHaveValue("15,000.00");
    fireEvent.change(screen.getByLabelText("Amount"), { target: { value: "99" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(patches(fake.calls)).toHaveLength(2));
    expect(patches(fake.calls)[1]!.headers.get("if-match")).toBe('"4"');
    expect(patches(fake.calls)[1]!.body).toEqual({ amount: 9900 });
  });

  describe("what the write level reaches", () => {
    /** Reads every deal, changes its own only (all/own), in team t-1. */
    const writingOwn = () => signedIn(ALL_PERMS, undefined, { acc: acc("aoo"), team: "t-1" });

    test("a colleague's deal reads without Edit or Move; one's own has both", async () => {
      writingOwn();
      const theirs = { ...DEAL, owner_id: "u-2", team_id: "t-1" } as unknown as typeof DEAL;
      const { unmount } = renderScreen(<DealPage />, { route: "/deals/d-1", path: "/deals/:id", fetch: api(() => json(theirs), () => theirs).fetch });
      await screen.findByRole("link", { name: "Anna Test" });
      expect(await screen.findByText("Bea Colleague")).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
      expect(screen.queryByRole("button", { name: "Move “Pilot for Acme”" })).toBeNull();
      expect(screen.queryByRole("combobox")).toBeNull();
      unmount();

      renderScreen(<DealPage />, { route: "/deals/d-1", path: "/deals/:id", fetch: api(() => json(DEAL)).fetch });
      await screen.findByRole("link", { name: "Anna Test" });
      expect(screen.getByRole("button", { name: "Edit" })).toBeInTheDocument();
      expect(screen.getByRole("combobox", { name: "Move “Pilot for Acme” to" })).toBeInTheDocument();
    });

    test("at team, a teammate's deal can be edited, another team's cannot", async () => {
      signedIn(ALL_PERMS, undefined, { acc: acc("att"), team: "t-1" });
      const teammates = { ...DEAL, owner_id: "u-2", team_id: "t-1" } as unknown as typeof DEAL;
      const { unmount } = renderScreen(<DealPage />, { route: "/deals/d-1", path: "/deals/:id", fetch: api(() => json(teammates), () => teammates).fetch });
      expect(await screen.findByRole("button", { name: "Edit" })).toBeInTheDocument();
      unmount();
      const others = { ...DEAL, owner_id: "u-2", team_id: "t-2" } as unknown as typeof DEAL;
      renderScreen(<DealPage />, { route: "/deals/d-1", path: "/deals/:id", fetch: api(() => json(others), () => others).fetch });
      await screen.findByRole("link", { name: "Anna Test" });
      expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    });
  });
});
