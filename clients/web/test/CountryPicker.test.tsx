// Country: a name in the user's language, searchable by typing, stored as the ISO code.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import { COUNTRY_CODES, countryCode, countryNames } from "../src/components/CountryPicker";
import CompanyFormPage from "../src/pages/CompanyForm";
import { ContactFormPage } from "../src/pages/ContactForm";
import { fakeApi, json, renderScreen, signedIn } from "./helpers";

beforeEach(() => signedIn());

function contactApi() {
  return fakeApi({
    "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
    "GET /api/v1/custom-fields": () => json({ items: [] }),
    "POST /api/v1/contacts": () => json({ id: "c-9" }, 201),
  });
}

describe("country picker", () => {
  test("knows every ISO 3166-1 country, named in the language, in its alphabetical order", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    const german = countryNames("de-DE");
    expect(german.find((c) => c.code === "SE")!.name).toBe("Schweden");
    expect(countryNames("fr-FR").find((c) => c.code === "DE")!.name).toBe("Allemagne");
    const names = german.map((c) => c.name);
    expect(names.indexOf("Österreich")).toBeLessThan(names.indexOf("Polen"));
  });

  test("reads a name in the language or in English, or a code; nothing else", () => {
    const german = countryNames("de-DE");
    const english = countryNames("en");
    expect(countryCode("schweden", german, english)).toBe("SE");
    expect(countryCode("Sweden", german, english)).toBe("SE");
    expect(countryCode("se", german, english)).toBe("SE");
    expect(countryCode("Swe", german, english)).toBeNull();
    expect(countryCode("  ", german, english)).toBe("");
  });

  test("in the contact form, typing Sweden stores SE, never 'Sw'", async () => {
    const api = contactApi();
    renderScreen(<ContactFormPage />, { route: "/contacts/new", path: "/contacts/new", fetch: api.fetch });
    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Ada" } });
    const country = screen.getByRole("combobox", { name: "Country" });
    expect(country).not.toHaveAttribute("maxlength");
    expect(country).toHaveAccessibleDescription("Type a name and choose it from the list.");
    const list = document.getElementById(country.getAttribute("list")!)!;
    expect(list.querySelectorAll("option")).toHaveLength(249);
    fireEvent.change(country, { target: { value: "Sweden" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({ country: "SE" });
  });

  test("in the German company form a stored code shows as its German name", async () => {
    const company = {
      id: "co1", name: "Acme AB", domain: null, industry: null, phone: null, country: "SE", city: null, address: null,
      size_band: null, tags: [], version: 2, custom_fields: {}, owner_id: "u-me", team_id: null,
    };
    const api = fakeApi({
      "GET /api/v1/companies/co1": () => json(company, 200, { ETag: '"2"' }),
      "GET /api/v1/custom-fields": () => json({ items: [] }),
      "PATCH /api/v1/companies/co1": () => json({ ...company, country: "NO", version: 3 }),
    });
    renderScreen(<CompanyFormPage />, { route: "/companies/co1/edit", path: "/companies/:id/edit", fetch: api.fetch, lang: "de" });
    const country = await screen.findByRole("combobox", { name: "Land" });
    await waitFor(() => expect(country).toHaveValue("Schweden"));
    fireEvent.change(country, { target: { value: "Norwegen" } });
    fireEvent.click(screen.getByRole("button", { name: "Speichern" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(api.calls.find((c) => c.method === "PATCH")!.body).toEqual({ country: "NO" });
  });
});

describe("the contacts list", () => {
  test("filters by a country picked by name and shows countries by name, in the user's language", async () => {
    const { ContactsPage } = await import("../src/pages/Contacts");
    const row = {
      id: "c1", first_name: "Anna", last_name: "Test", full_name: "Anna Test", emails: [], phones: [], title: null,
      company_id: null, country: "SE", city: null, lifecycle_stage: "lead", tags: [], version: 1, owner_id: "u-me",
      team_id: null, custom_fields: {}, source: null, marketing_consent: false, last_interaction_at: null,
      interaction_count: 0, archived_at: null, created_at: "2026-12-01T09:00:00Z", updated_at: "2026-12-01T09:00:00Z",
    };
    const api = fakeApi({
      "GET /api/v1/users": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/teams": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts": () => json({ items: [row], next_cursor: null }),
    });
    renderScreen(<ContactsPage />, { route: "/contacts", path: "/contacts", fetch: api.fetch, lang: "de" });
    expect(await screen.findByRole("cell", { name: "Schweden" })).toBeInTheDocument();
    fireEvent.change(screen.getByRole("combobox", { name: "Land" }), { target: { value: "NO" } });
    await waitFor(() => expect(api.calls.at(-1)!.search.get("country")).toBe("NO"));
    expect(screen.getByRole("option", { name: "Norwegen" })).toHaveProperty("selected", true);
  });
});
