// Field errors of the API are shown by their code, in the user's language: never the API's
// English message, a generic text for a code this app does not know.
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";

import { ApiError } from "../src/api";
import { ErrorMessage, fieldErrorText } from "../src/components/ui";
import { type Lang, translate } from "../src/i18n";
import { ContactFormPage } from "../src/pages/ContactForm";
import { fakeApi, json, problem, renderScreen, signedIn } from "./helpers";

const CODES = [
  "required", "too_short", "too_long", "too_few", "too_many", "out_of_range", "invalid_type",
  "invalid_format", "invalid_date", "invalid_email", "invalid_phone", "invalid_country",
  "invalid_currency", "invalid_choice", "unknown_field", "not_found", "duplicate", "not_allowed",
  "weak_password", "invalid",
];

function text(lang: Lang, code: string, params: Record<string, string | number> = {}) {
  const locale = { en: "en-US", de: "de-DE", fr: "fr-FR", ru: "ru-RU", zh: "zh-CN" }[lang];
  return fieldErrorText(
    { code, params, message: "RAW ENGLISH" },
    { t: (key, values) => translate(lang, key, values), number: (n) => new Intl.NumberFormat(locale).format(n) },
  );
}

beforeEach(() => signedIn());

describe("field errors", () => {
  test("every code of the API's vocabulary has its own text in every language", () => {
    for (const lang of ["en", "de", "fr", "ru", "zh"] as const) {
      const generic = text(lang, "invalid");
      for (const code of CODES) {
        const shown = text(lang, code, { min_length: 2, max_length: 200, min: 0, max: 100 });
        expect(shown).not.toContain("RAW ENGLISH");
        expect(shown).not.toMatch(/\{\w+\}/); // every placeholder filled
        if (code !== "invalid") expect(shown, `${lang} ${code}`).not.toBe(generic);
      }
    }
  });

  test("params reach the text, numbers in the user's format", () => {
    expect(text("de", "too_long", { max_length: 2000 })).toBe("Bitte höchstens 2.000 Zeichen eingeben.");
    expect(text("en", "out_of_range", { min: 1 })).toBe("Enter at least 1.");
    expect(text("fr", "out_of_range", { min: 0, max: 100 })).toBe("Saisissez une valeur de 0 à 100.");
  });

  test("an unknown code, or one without what its text needs, reads as generic", () => {
    expect(text("de", "brand_new_code")).toBe("Dieser Wert ist ungültig.");
    expect(text("en", "too_long")).toBe("This value is not valid.");
  });

  test("in the German UI a refused phone is explained in German at the phone field", async () => {
    const raw = "'12ab' is not a phone number";
    const api = fakeApi({
      "GET /api/v1/companies": () => json({ items: [], next_cursor: null }),
      "GET /api/v1/custom-fields": () => json({ items: [] }),
      "POST /api/v1/contacts": () =>
        problem(422, "Invalid input: phones.0.phone.", [{ field: "phones.0.phone", message: raw, code: "invalid_phone", params: {} }]),
    });
    renderScreen(<ContactFormPage />, { route: "/contacts/new", path: "/contacts/new", fetch: api.fetch, lang: "de" });
    fireEvent.change(screen.getByLabelText("Vorname"), { target: { value: "Ada" } });
    fireEvent.change(screen.getByLabelText("Telefon"), { target: { value: "12ab" } });
    fireEvent.click(screen.getByRole("button", { name: "Speichern" }));
    const phone = screen.getByLabelText("Telefon");
    await waitFor(() => expect(phone).toHaveAttribute("aria-invalid", "true"));
    expect(phone).toHaveAccessibleDescription("Bitte eine gültige Telefonnummer mit Ländervorwahl eingeben (z. B. +49).");
    expect(document.body.textContent).not.toContain(raw);
  });

  test("a refusal named at no field is a translated text, not the API's English detail", () => {
    const api = fakeApi({});
    const error = new ApiError(422, { type: "x", title: "Validation failed", status: 422, detail: "Invalid custom fields.", errors: [] });
    renderScreen(<ErrorMessage error={error} />, { fetch: api.fetch, lang: "ru" });
    expect(screen.getByRole("alert")).toHaveTextContent("Ввод не принят. Проверьте данные и попробуйте снова.");
  });
});
