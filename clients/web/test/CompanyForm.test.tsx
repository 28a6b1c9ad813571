import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import CompanyFormPage from "../src/pages/CompanyForm";
import { fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

beforeEach(() => signedIn());

const COMPANY = {
  id: "co1", name: "Acme GmbH", domain: "acme.example", industry: null, phone: null, country: "DE", city: "Berlin",
  address: null, size_band: "11-50", tags: ["partner"], version: 7, custom_fields: {}, owner_id: "u-me", team_id: null,
};

describe("company form", () => {
  test("a refused name is shown at the name field", async () => {
    const api = fakeApi({
      "POST /api/v1/companies": () => problem(409, "A company with this name exists.", [{ field: "name", message: "already taken", code: "duplicate", params: {} }]),
    });
    renderScreen(<CompanyFormPage />, { route: "/companies/new", path: "/companies/new", fetch: api.fetch });
    fireEvent.change(screen.getByLabelText("Company name"), { target: { value: "Acme GmbH" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByLabelText("Company name")).toHaveAccessibleDescription("This value is already taken."));
    expect(api.calls.find((c) => c.method === "POST")!.body).toEqual({ name: "Acme GmbH" });
  });

  test("an edit sends only the changes, with the ETag", async () => {
    const api = fakeApi({
      "GET /api/v1/companies/co1": () => json(COMPANY, 200, { ETag: '"7"' }),
      "PATCH /api/v1/companies/co1": () => json({ ...COMPANY, city: "Hamburg", version: 8 }),
    });
    renderScreen(<CompanyFormPage />, { route: "/companies/co1/edit", path: "/companies/:id/edit", fetch: api.fetch });
    const city = await screen.findByLabelText("City");
    await waitFor(() => expect(city).toHaveValue("Berlin"));
    fireEvent.change(city, { target: { value: "Hamburg" } });
    fireEvent.change(screen.getByLabelText("Size"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toEqual({ city: "Hamburg", size_band: null });
    expect(patch.headers.get("If-Match")).toBe('"7"');
  });
});
