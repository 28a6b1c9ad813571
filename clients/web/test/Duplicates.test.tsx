// Duplicates across owners: the check while a new contact is typed, the card's panel with
// matches out of sight and "Ask <owner>", and the history noting a contact created anyway.
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";

import { withoutRefused } from "../src/components/Duplicates";
import { CHECK_DELAY_MS, ContactFormPage, duplicateQuery, EMPTY } from "../src/pages/ContactForm";
import { ContactPage } from "../src/pages/ContactPage";
import { type Call, fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const CHECK = "/api/v1/contacts/duplicates";
const contact = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id, first_name: name, last_name: "Test", full_name: `${name} Test`, emails: [{ email: `${id}@x.example` }], phones: [],
  tags: [], custom_fields: {}, lifecycle_stage: "customer", owner_id: "u-me", team_id: null, version: 1, ...extra,
});
const BEA = { id: "u-2", full_name: "Bea Colleague" };
const CARL = { id: "u-4", full_name: "Carl Colleague" };
const ANSWER = {
  items: [{ contact: contact("c-7", "Anna"), reasons: ["email"] }],
  elsewhere: [
    { owner: BEA, reasons: ["email", "phone"] },
    { owner: CARL, reasons: ["name_at_company"] },
  ],
};
const checks = (calls: Call[]) => calls.filter((c) => c.path === CHECK);
const sleep = (ms: number) => act(() => new Promise((ok) => setTimeout(ok, ms)));

beforeEach(() => signedIn());

describe("the duplicate check while a new contact is typed", () => {
  function form(answer: (call: Call) => Response | Promise<Response> = () => json(ANSWER), lang: "en" | "de" = "en") {
    const fake = fakeApi({
      "GET /api/v1/companies": () => json({ items: [{ id: "co-1", name: "Acme GmbH" }], next_cursor: null }),
      "GET /api/v1/contacts/duplicates": answer,
      "POST /api/v1/contacts": () => json(contact("c-9", "Anna"), 201),
    });
    renderScreen(<ContactFormPage />, {
      route: "/contacts/new",
      path: "/contacts/new",
      fetch: fake.fetch,
      lang,
      extraRoutes: <Route path="/contacts/:id" element={<p>contact page</p>} />,
    });
    return fake;
  }

  test("asks once typing pauses, with what was typed last; nothing for an e-mail still being typed", async () => {
    const fake = form();
    const email = screen.getByLabelText("E-mail");
    for (const typed of ["anna", "anna@", "anna@acme", "anna@acme.example"]) {
      fireEvent.change(email, { target: { value: typed } });
      await sleep(50);
    }
    expect(checks(fake.calls)).toHaveLength(0);
    // About 400 ms of quiet before it asks.
    expect(CHECK_DELAY_MS).toBe(400);
    await sleep(300);
    expect(checks(fake.calls)).toHaveLength(0);
    await waitFor(() => expect(checks(fake.calls)).toHaveLength(1));
    expect(checks(fake.calls)[0]!.search.getAll("email")).toEqual(["anna@acme.example"]);
    expect(checks(fake.calls)[0]!.search.has("phone")).toBe(false);

    // A name alone finds nothing; with a company chosen it is asked about too.
    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Anna" } });
    await sleep(CHECK_DELAY_MS + 100);
    expect(checks(fake.calls)).toHaveLength(1);
    fireEvent.change(await screen.findByLabelText("Company"), { target: { value: "co-1" } });
    await waitFor(() => expect(checks(fake.calls)).toHaveLength(2));
    const second = checks(fake.calls)[1]!.search;
    expect(Object.fromEntries(second)).toEqual({ email: "anna@acme.example", first_name: "Anna", company_id: "co-1" });
  });

  test("a check still running when the user types on is cancelled, and its answer never shows", async () => {
    const signals: AbortSignal[] = [];
    let first = true;
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts/duplicates": () => json({ items: [], elsewhere: [{ owner: CARL, reasons: ["phone"] }] }),
    });
    const slow = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (new URL(request.url).pathname === CHECK && first) {
        first = false;
        signals.push(request.signal);
        // The first answer comes late: long after the user typed on.
        await new Promise((ok) => setTimeout(ok, 1500));
        if (request.signal.aborted) throw new DOMException("aborted", "AbortError");
        return json({ items: [], elsewhere: [{ owner: BEA, reasons: ["email"] }] });
      }
      return api.fetch(request);
    };
    renderScreen(<ContactFormPage />, { route: "/contacts/new", path: "/contacts/new", fetch: slow as typeof fetch });
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "old@acme.example" } });
    await waitFor(() => expect(signals).toHaveLength(1));
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "new@acme.example" } });
    await waitFor(() => expect(signals[0]!.aborted).toBe(true));
    expect(await screen.findByText("Carl Colleague already has a contact with the same phone number")).toBeInTheDocument();
    await sleep(1600);
    expect(screen.queryByText(/Bea Colleague/)).toBeNull();
  });

  test("readable matches are links with their reasons; the others name their owner and why; saving stays possible", async () => {
    const fake = form();
    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Anna" } });
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "anna@acme.example" } });
    fireEvent.change(screen.getByLabelText("Phone"), { target: { value: "+49 30 1234567" } });
    const hint = await screen.findByRole("status");
    expect(await within(hint).findByRole("link", { name: "Anna Test" })).toHaveAttribute("href", "/contacts/c-7");
    expect(within(hint).getByText("same e-mail")).toBeInTheDocument();
    expect(within(hint).getByText("Bea Colleague already has a contact with the same e-mail and the same phone number")).toBeInTheDocument();
    expect(within(hint).getByText("Carl Colleague already has a contact with a close name at this company")).toBeInTheDocument();
    expect(hint).toHaveTextContent("You can still save it");
    // No e-mail, phone or link of a match out of sight: the API sends none.
    expect(within(hint).getAllByRole("link")).toHaveLength(1);
    expect(checks(fake.calls).at(-1)!.search.getAll("phone")).toEqual(["+49 30 1234567"]);

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("contact page")).toBeInTheDocument();
    expect(fake.calls.find((c) => c.method === "POST")!.body).toMatchObject({ emails: [{ email: "anna@acme.example" }] });
  });

  test("a number the API cannot read yet (local, no country) is left out, and the rest asked again", async () => {
    const fake = form((call) =>
      call.search.has("phone")
        ? problem(422, "Invalid input: phone.0.", [{ field: "phone.0", message: "not a phone number", code: "invalid_phone" }])
        : json({ items: [], elsewhere: [{ owner: BEA, reasons: ["email"] }] }),
    );
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "anna@acme.example" } });
    fireEvent.change(screen.getByLabelText("Phone"), { target: { value: "030 1234567" } });
    expect(await screen.findByText("Bea Colleague already has a contact with the same e-mail")).toBeInTheDocument();
    expect(checks(fake.calls).map((c) => c.search.has("phone"))).toEqual([true, false]);
    expect(screen.getByLabelText("Phone")).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("in German, with the reasons in German", async () => {
    form(() => json(ANSWER), "de");
    fireEvent.change(screen.getByLabelText("E-Mail"), { target: { value: "anna@acme.example" } });
    expect(await screen.findByText("Bea Colleague hat bereits einen Kontakt mit derselben E-Mail-Adresse und derselben Telefonnummer")).toBeInTheDocument();
    expect(screen.getByText("gleiche E-Mail")).toBeInTheDocument();
  });

  test("what the check is asked: complete-looking e-mails, phones with some digits and their country, names with a company", () => {
    expect(duplicateQuery(EMPTY)).toBeNull();
    expect(duplicateQuery({ ...EMPTY, email: "anna@acme", phone: "030", first_name: "Anna" })).toBeNull();
    expect(duplicateQuery({ ...EMPTY, email: " anna@acme.example ", phone: "030 1234567", country: "de" })).toEqual({
      email: ["anna@acme.example"], phone: ["030 1234567"], country: "DE",
    });
    expect(duplicateQuery({ ...EMPTY, last_name: "Berg", company_id: "co-1", country: "Atlantis" })).toEqual({ company_id: "co-1", last_name: "Berg" });
    // A refused phone takes its country with it; a refused company its names.
    expect(withoutRefused({ email: ["a@b.cd"], phone: ["1"], country: "DE", company_id: "x", first_name: "A" }, ["phone.0", "company_id"])).toEqual({ email: ["a@b.cd"] });
  });
});

describe("the contact card's possible duplicates", () => {
  const ME = contact("c-1", "Anna");
  function card(ask: (call: Call) => Response = () => new Response(null, { status: 202 }), duplicates: unknown = ANSWER, lang: "en" | "ru" = "en") {
    const fake = fakeApi({
      "GET /api/v1/contacts/c-1": () => json(ME),
      "GET /api/v1/contacts/c-1/duplicates": () => json(duplicates),
      "GET /api/v1/contacts/c-1/timeline": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts/c-1/history": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
      "POST /api/v1/contacts/c-1/duplicates/ask": ask,
    });
    renderScreen(<ContactPage />, { route: "/contacts/c-1", path: "/contacts/:id", fetch: fake.fetch, lang });
    return fake;
  }
  const asks = (calls: Call[]) => calls.filter((c) => c.method === "POST");

  test("a match out of sight shows its owner and why, with “Ask <owner>”; once asked, it says so and the button is off", async () => {
    const fake = card();
    const panel = await screen.findByRole("region", { name: "Possible duplicates" });
    expect(within(panel).getByRole("link", { name: "Anna Test" })).toHaveAttribute("href", "/contacts/c-7");
    expect(within(panel).getByText("Bea Colleague already has a contact with the same e-mail and the same phone number")).toBeInTheDocument();
    const ask = within(panel).getByRole("button", { name: "Ask Bea Colleague" });
    expect(ask).toBeEnabled();
    fireEvent.click(ask);
    expect(await within(panel).findByRole("status")).toHaveTextContent("Bea Colleague has been asked to check.");
    expect(ask).toBeDisabled();
    expect(asks(fake.calls)).toHaveLength(1);
    expect(asks(fake.calls)[0]!.path).toBe("/api/v1/contacts/c-1/duplicates/ask");
    expect(asks(fake.calls)[0]!.body).toEqual({ owner_id: "u-2" });
    // Carl has not been asked: his button stays.
    expect(within(panel).getByRole("button", { name: "Ask Carl Colleague" })).toBeEnabled();
  });

  test("each owner is asked once, whichever of their matches the button is at", async () => {
    card(undefined, { items: [], elsewhere: [{ owner: BEA, reasons: ["email"] }, { owner: BEA, reasons: ["phone"] }] });
    const panel = await screen.findByRole("region", { name: "Possible duplicates" });
    const [first, second] = within(panel).getAllByRole("button", { name: "Ask Bea Colleague" });
    fireEvent.click(first!);
    await waitFor(() => expect(second).toBeDisabled());
    expect(first).toBeDisabled();
  });

  test("a 422 is explained in words: the owner is no longer active, or no longer has a match; asking again stays possible", async () => {
    let code = "not_allowed";
    card(() => problem(422, "The request is not valid: owner_id", [{ field: "owner_id", message: "is no longer an active user: ask an administrator", code }]));
    const panel = await screen.findByRole("region", { name: "Possible duplicates" });
    const ask = within(panel).getByRole("button", { name: "Ask Bea Colleague" });
    fireEvent.click(ask);
    expect(await within(panel).findByRole("alert")).toHaveTextContent("Bea Colleague is no longer an active user: ask an administrator.");
    expect(ask).toBeEnabled();
    expect(within(panel).queryByRole("status")).toBeNull();
    code = "not_found";
    fireEvent.click(ask);
    await waitFor(() => expect(within(panel).getByRole("alert")).toHaveTextContent("Bea Colleague no longer has a matching contact."));
  });

  test("in Russian the owner stays in the nominative and the reasons are translated", async () => {
    card(undefined, ANSWER, "ru");
    const panel = await screen.findByRole("region", { name: "Возможные дубликаты" });
    expect(within(panel).getByText("У пользователя Bea Colleague уже есть контакт с тем же адресом e-mail и тем же номером телефона")).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Спросить владельца: Bea Colleague" })).toBeInTheDocument();
  });
});

describe("a contact's change history", () => {
  const EVENTS = [
    {
      id: "e-2", action: "updated", actor_id: "u-me", rule_id: null, occurred_at: "2026-12-07T10:00:00Z",
      changes: { city: { before: null, after: "Berlin" }, tags: { before: [], after: ["vip"] } },
    },
    {
      id: "e-1", action: "created", actor_id: "u-2", rule_id: null, occurred_at: "2026-12-06T10:00:00Z",
      changes: { first_name: { before: null, after: "Anna" }, possible_duplicates: { before: null, after: 2 } },
    },
  ];
  function history(events: unknown[], lang: "en" | "ru" | "de" = "en") {
    const fake = fakeApi({
      "GET /api/v1/contacts/c-1": () => json(contact("c-1", "Anna")),
      "GET /api/v1/contacts/c-1/duplicates": () => json({ items: [], elsewhere: [] }),
      "GET /api/v1/contacts/c-1/timeline": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts/c-1/history": () => json({ items: events, next_cursor: null }),
      "GET /api/v1/deals": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/interaction-outcomes": () => json({ items: [] }),
      "GET /api/v1/users": () => json({ items: [{ id: "u-2", full_name: "Bea Colleague", email: "bea@x.example", is_active: true }], next_cursor: null }),
    });
    renderScreen(<ContactPage />, { route: "/contacts/c-1", path: "/contacts/:id", fetch: fake.fetch, lang });
  }

  test("a contact created despite possible duplicates says so, with how many; changes name their fields", async () => {
    history(EVENTS);
    const section = await screen.findByRole("region", { name: "Change history" });
    const rows = await within(section).findAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Changed: City, Tags");
    expect(rows[0]).toHaveTextContent("by Me");
    expect(rows[1]).toHaveTextContent("Created despite 2 possible duplicates");
    await waitFor(() => expect(rows[1]).toHaveTextContent("by Bea Colleague"));
  });

  test("the count takes the language's plural forms; a plain creation is just “Created”", async () => {
    const created = (n: number | null) => ({
      ...EVENTS[1], id: `e-${n}`, changes: n === null ? { first_name: { before: null, after: "Anna" } } : { possible_duplicates: { before: null, after: n } },
    });
    history([created(1), created(3), created(5), created(null)], "ru");
    const section = await screen.findByRole("region", { name: "История изменений" });
    const rows = await within(section).findAllByRole("listitem");
    expect(rows.map((r) => r.querySelector("span")!.textContent)).toEqual([
      "Создан несмотря на 1 возможный дубликат",
      "Создан несмотря на 3 возможных дубликата",
      "Создан несмотря на 5 возможных дубликатов",
      "Создано",
    ]);
  });
});
