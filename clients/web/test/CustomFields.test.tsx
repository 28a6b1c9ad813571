// Custom fields in the forms (contact, company, new deal) and their administration.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { Route } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";

import AdminPage from "../src/pages/Admin";
import { BoardPage } from "../src/pages/Board";
import CompanyFormPage from "../src/pages/CompanyForm";
import { ContactFormPage } from "../src/pages/ContactForm";
import { ALL_PERMS, fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const definition = (entity: string, key: string, label: string, type: string, extra: Record<string, unknown> = {}) => ({
  id: `f-${key}`, entity, key, label, type, required: false, choices: [], position: 0,
  created_at: "2026-12-01T09:00:00Z", updated_at: "2026-12-01T09:00:00Z", version: 1, ...extra,
});
const CONTACT_FIELDS = [
  definition("contact", "customer_number", "Customer number", "text", { required: true, position: 1 }),
  definition("contact", "employees", "Employees", "number", { position: 2 }),
  definition("contact", "newsletter", "Newsletter", "boolean", { position: 3 }),
  definition("contact", "tier", "Tier", "single_choice", { choices: ["gold", "silver"], position: 4 }),
  definition("contact", "interests", "Interests", "multi_choice", { choices: ["cars", "boats"], position: 5 }),
  definition("contact", "since", "Customer since", "date", { position: 6 }),
];
const CONTACT = {
  id: "c-1", first_name: "Maria", last_name: "Lopez", full_name: "Maria Lopez", emails: [], phones: [], title: null,
  company_id: null, country: "SE", city: null, lifecycle_stage: "lead", tags: [], version: 3,
  custom_fields: { customer_number: "K-1", tier: "gold", interests: ["cars"] },
};

beforeEach(() => signedIn([...ALL_PERMS, "custom_fields:manage"]));

describe("custom fields in the contact form", () => {
  test("each defined field has the input of its type, required ones marked; values are sent typed", async () => {
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/custom-fields": (call) => json({ items: call.search.get("entity") === "contact" ? CONTACT_FIELDS : [] }),
      "POST /api/v1/contacts": () => json({ ...CONTACT, id: "c-9" }, 201),
    });
    renderScreen(<ContactFormPage />, {
      route: "/contacts/new",
      path: "/contacts/new",
      fetch: api.fetch,
      extraRoutes: <Route path="/contacts/:id" element={<p>contact page</p>} />,
    });
    const number = await screen.findByLabelText("Customer number (required)");
    expect(number).toHaveAttribute("aria-required", "true");
    expect(screen.getByLabelText("Employees")).toHaveAttribute("type", "number");
    expect(screen.getByLabelText("Customer since")).toHaveAttribute("type", "date");
    expect(within(screen.getByLabelText("Newsletter")).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "Yes", "No"]);
    expect(within(screen.getByLabelText("Tier")).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "gold", "silver"]);
    const interests = screen.getByRole("group", { name: "Interests" });

    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Ada" } });
    fireEvent.change(number, { target: { value: "K-42" } });
    fireEvent.change(screen.getByLabelText("Employees"), { target: { value: "40" } });
    fireEvent.change(screen.getByLabelText("Newsletter"), { target: { value: "false" } });
    fireEvent.change(screen.getByLabelText("Tier"), { target: { value: "silver" } });
    fireEvent.click(within(interests).getByLabelText("boats"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("contact page")).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({
      first_name: "Ada",
      custom_fields: { customer_number: "K-42", employees: 40, newsletter: false, tier: "silver", interests: ["boats"] },
    });
  });

  test("the API's error on a custom field marks its input, translated", async () => {
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/custom-fields": () => json({ items: CONTACT_FIELDS }),
      "POST /api/v1/contacts": () =>
        problem(422, "Invalid custom fields.", [
          { field: "custom_fields.customer_number", message: "is required", code: "required", params: {} },
        ]),
    });
    renderScreen(<ContactFormPage />, { route: "/contacts/new", path: "/contacts/new", fetch: api.fetch, lang: "de" });
    const number = await screen.findByLabelText("Customer number (Pflichtfeld)");
    fireEvent.change(screen.getByLabelText("Vorname"), { target: { value: "Ada" } });
    fireEvent.click(screen.getByRole("button", { name: "Speichern" }));
    await waitFor(() => expect(number).toHaveAttribute("aria-invalid", "true"));
    expect(number).toHaveAccessibleDescription("Dieses Feld ist erforderlich.");
  });

  test("an edit shows the stored values and sends only the custom fields that changed", async () => {
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/custom-fields": () => json({ items: CONTACT_FIELDS }),
      "GET /api/v1/contacts/c-1": () => json(CONTACT, 200, { ETag: '"3"' }),
      "PATCH /api/v1/contacts/c-1": () => json({ ...CONTACT, version: 4 }),
    });
    renderScreen(<ContactFormPage />, { route: "/contacts/c-1/edit", path: "/contacts/:id/edit", fetch: api.fetch });
    const tier = await screen.findByLabelText("Tier");
    await waitFor(() => expect(tier).toHaveValue("gold"));
    expect(screen.getByLabelText("Customer number (required)")).toHaveValue("K-1");
    expect(within(screen.getByRole("group", { name: "Interests" })).getByLabelText("cars")).toBeChecked();
    fireEvent.change(tier, { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Employees"), { target: { value: "12" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(api.calls.find((c) => c.method === "PATCH")!.body).toEqual({ custom_fields: { tier: null, employees: 12 } });
  });
});

describe("custom fields elsewhere", () => {
  test("the company form has them too", async () => {
    const api = fakeApi({
      "GET /api/v1/custom-fields": (call) =>
        json({ items: call.search.get("entity") === "company" ? [definition("company", "vat_id", "VAT id", "text", { required: true })] : [] }),
      "POST /api/v1/companies": () => problem(422, "Invalid custom fields.", [{ field: "custom_fields.vat_id", message: "is required", code: "required", params: {} }]),
    });
    renderScreen(<CompanyFormPage />, { route: "/companies/new", path: "/companies/new", fetch: api.fetch });
    const vat = await screen.findByLabelText("VAT id (required)");
    fireEvent.change(screen.getByLabelText("Company name"), { target: { value: "Acme" } });
    fireEvent.change(vat, { target: { value: "DE123" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(vat).toHaveAttribute("aria-invalid", "true"));
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({ name: "Acme", custom_fields: { vat_id: "DE123" } });
  });

  test("the new-deal form has them too", async () => {
    const stages = [
      { id: "s-new", name: "New", kind: "open", position: 0, probability: 10, rotting_days: null },
      { id: "s-won", name: "Won", kind: "won", position: 1, probability: 100, rotting_days: null },
    ];
    const pipeline = { id: "p-1", name: "Sales", is_default: true, stages, version: 1 };
    const api = fakeApi({
      "GET /api/v1/pipelines": () => json({ items: [pipeline] }),
      "GET /api/v1/pipelines/p-1/board": () => json({ pipeline, columns: stages.map((stage) => ({ stage, count: 0, deals: [], totals: {} })) }),
      "GET /api/v1/custom-fields": (call) =>
        json({ items: call.search.get("entity") === "deal" ? [definition("deal", "source", "Lead source", "single_choice", { choices: ["web", "fair"] })] : [] }),
      "POST /api/v1/deals": () => json({ id: "d-9" }, 201),
    });
    renderScreen(<BoardPage />, { route: "/board", path: "/board", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "New deal" }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Deal title"), { target: { value: "Pilot" } });
    fireEvent.change(await within(dialog).findByLabelText("Lead source"), { target: { value: "fair" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create the deal" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({ title: "Pilot", custom_fields: { source: "fair" } });
  });
});

describe("custom fields in the administration", () => {
  function adminApi(extra: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
    return fakeApi({
      "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/roles": () => json({ items: [] }),
      "GET /api/v1/custom-fields": (call) => json({ items: call.search.get("entity") === "contact" ? CONTACT_FIELDS.slice(0, 4) : [] }),
      ...extra,
    });
  }

  test("a field is edited with If-Match: label, required, choices", async () => {
    const api = adminApi({ "PATCH /api/v1/custom-fields/f-tier": () => json({ ...CONTACT_FIELDS[3], label: "Level", version: 2 }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Custom fields" }));
    fireEvent.click(await screen.findByRole("button", { name: "Edit field: Tier" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit field: Tier" });
    fireEvent.change(within(dialog).getByLabelText("Label"), { target: { value: "Level" } });
    fireEvent.change(within(dialog).getByLabelText("Choices (comma separated)"), { target: { value: "gold, silver, bronze" } });
    fireEvent.click(within(dialog).getByLabelText("Required"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toEqual({ label: "Level", required: true, choices: ["gold", "silver", "bronze"] });
    expect(patch.headers.get("If-Match")).toBe('"1"');
  });

  test("a field is deleted after a confirmation, with If-Match", async () => {
    const api = adminApi({ "DELETE /api/v1/custom-fields/f-employees": () => new Response(null, { status: 204 }) });
    renderScreen(<AdminPage />, { route: "/admin", path: "/admin", fetch: api.fetch });
    fireEvent.click(await screen.findByRole("button", { name: "Custom fields" }));
    fireEvent.click(await screen.findByRole("button", { name: "Delete field: Employees" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete field" });
    expect(dialog).toHaveTextContent("Delete the field “Employees”?");
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const removal = api.calls.find((c) => c.method === "DELETE")!;
    expect(removal.path).toBe("/api/v1/custom-fields/f-employees");
    expect(removal.headers.get("If-Match")).toBe('"1"');
  });
});
