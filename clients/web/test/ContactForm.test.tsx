import { fireEvent, screen, waitFor } from "@testing-library/react";
import { Route } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";

import { ContactFormPage } from "../src/pages/ContactForm";
import { fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const CONTACT = {
  id: "c-1",
  first_name: "Maria",
  last_name: "Lopez",
  full_name: "Maria Lopez",
  emails: [{ email: "maria@acme.example" }],
  phones: [],
  title: null,
  company_id: null,
  country: "DE",
  city: null,
  lifecycle_stage: "lead",
  tags: [],
  version: 3,
};

beforeEach(() => signedIn());

describe("contact form", () => {
  test("shows the API's field errors at their fields", async () => {
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "POST /api/v1/contacts": () =>
        problem(422, "The request is not valid: emails.0.email, country", [
          { field: "emails.0.email", message: "value is not a valid email address", code: "invalid_email", params: {} },
          { field: "country", message: "must be an ISO 3166-1 alpha-2 country code such as DE or US", code: "invalid_country", params: {} },
        ]),
    });
    renderScreen(<ContactFormPage />, { route: "/contacts/new", path: "/contacts/new", fetch: api.fetch });
    fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "nope" } });
    fireEvent.change(screen.getByLabelText("Country"), { target: { value: "Atlantis" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    const email = screen.getByLabelText("E-mail");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("Enter a valid e-mail address.");
    expect(screen.getByLabelText("Country")).toHaveAccessibleDescription(/^Choose a country from the list\./);
    expect(screen.getByLabelText("First name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the marked fields.");
    expect(api.calls.find((c) => c.method === "POST")!.body).toMatchObject({ emails: [{ email: "nope" }], country: "Atlantis" });
  });

  test("sends only what changed, with If-Match, and explains a 412 with a reload", async () => {
    let version = 3;
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/contacts/c-1": () => json({ ...CONTACT, version, city: version > 3 ? "Berlin" : null }, 200, { ETag: `"${version}"` }),
      "PATCH /api/v1/contacts/c-1": () => problem(412, "The record changed since you read it."),
    });
    renderScreen(<ContactFormPage />, { route: "/contacts/c-1/edit", path: "/contacts/:id/edit", fetch: api.fetch });
    const title = await screen.findByLabelText("Job title");
    fireEvent.change(title, { target: { value: "CEO" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Someone else changed this record");
    const patch = api.calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toEqual({ title: "CEO" });
    expect(patch.headers.get("If-Match")).toBe('"3"');

    version = 4; // what the other person saved
    fireEvent.click(screen.getByRole("button", { name: "Reload" }));
    await waitFor(() => expect(screen.getByLabelText("City")).toHaveValue("Berlin"));
    expect(screen.getByLabelText("Job title")).toHaveValue("");
    expect(screen.queryByText(/Someone else changed this record/)).toBeNull();
  });

  test("a saved contact opens its page", async () => {
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "POST /api/v1/contacts": () => json({ ...CONTACT, id: "c-9" }, 201),
    });
    renderScreen(<ContactFormPage />, {
      route: "/contacts/new",
      path: "/contacts/new",
      fetch: api.fetch,
      extraRoutes: <Route path="/contacts/:id" element={<p>contact page</p>} />,
    });
    fireEvent.change(screen.getByLabelText("First name"), { target: { value: "Maria" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("contact page")).toBeInTheDocument();
  });
});
