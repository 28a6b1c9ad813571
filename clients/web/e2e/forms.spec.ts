// The forms through a live API: custom fields an administrator defines, field errors in the
// user's language at their field, the country picker. Each scanned with axe.
import type { Page } from "@playwright/test";

import { axeViolations, expect, screenshot, signIn, test } from "./fixtures";

interface Contact {
  id: string;
  country: string | null;
  custom_fields: Record<string, unknown>;
}
interface Definition {
  id: string;
  key: string;
  version: number;
}

const KEY = "customer_number_e2e";

/** Removes the definition through the API with the page's session, should the journey
 * stop before the admin UI deleted it: other journeys create contacts without it. */
async function removeDefinition(page: Page): Promise<void> {
  await page.evaluate(async (key) => {
    const session = JSON.parse(localStorage.getItem("crm.session") ?? "null") as { accessToken: string } | null;
    if (!session) return;
    const headers = { Authorization: `Bearer ${session.accessToken}` };
    const list = (await (await fetch("/api/v1/custom-fields?entity=contact", { headers })).json()) as { items: Definition[] };
    for (const d of list.items.filter((item) => item.key === key)) {
      await fetch(`/api/v1/custom-fields/${d.id}`, { method: "DELETE", headers: { ...headers, "If-Match": `"${d.version}"` } });
    }
  }, KEY);
}

test("add a required custom field in the administration and create a contact that fills it", async ({ page, api }) => {
  await signIn(page);
  try {
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("button", { name: "Custom fields" }).click();
    await page.getByLabel("For").selectOption("contact");
    await page.getByLabel("Label").fill("Customer number");
    await page.getByLabel("Key").fill(KEY);
    await page.getByLabel("Type").selectOption("text");
    await page.getByLabel("Required").check();
    await page.getByRole("button", { name: "Create" }).click();
    const edit = page.getByRole("button", { name: "Edit field: Customer number" });
    await expect(edit).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // New contact: the required field is there and marked; Sweden is picked by its name.
    await page.goto("/contacts/new");
    const number = page.getByLabel("Customer number (required)");
    await expect(number).toHaveAttribute("aria-required", "true");
    await page.getByLabel("First name").fill("Greta");
    await page.getByLabel("Last name").fill("Lindqvist");
    await page.getByRole("combobox", { name: "Country" }).fill("Sweden");
    expect(await axeViolations(page)).toEqual([]);
    // Saved without it: the API's refusal is at that field, in words, not "is required".
    await page.getByRole("button", { name: "Save" }).click();
    await expect(number).toHaveAttribute("aria-invalid", "true");
    await expect(number).toHaveAccessibleDescription("This field is required.");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "forms-required-custom-field");
    await number.fill("K-4711");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Greta Lindqvist" })).toBeVisible();

    const id = new URL(page.url()).pathname.split("/").pop()!;
    const contact = await api.get<Contact>(`/contacts/${id}`);
    expect(contact.custom_fields[KEY]).toBe("K-4711");
    expect(contact.country).toBe("SE");

    // The administration edits the definition, then deletes it.
    await page.goto("/admin");
    await page.getByRole("button", { name: "Custom fields" }).click();
    await page.getByRole("button", { name: "Edit field: Customer number" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit field: Customer number" });
    await dialog.getByLabel("Label").fill("Customer no.");
    await dialog.getByLabel("Required").uncheck();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row", { name: /Customer no\./ });
    await expect(row).toContainText("No");
    await page.getByRole("button", { name: "Delete field: Customer no." }).click();
    const confirm = page.getByRole("dialog", { name: "Delete field" });
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("row", { name: /Customer no\./ })).toHaveCount(0);
    const left = await api.get<{ items: Definition[] }>("/custom-fields?entity=contact");
    expect(left.items.map((d) => d.key)).not.toContain(KEY);
  } finally {
    await removeDefinition(page);
  }
});

test("a server field error appears translated in the German UI on its field", async ({ page }) => {
  await signIn(page);
  await page.getByLabel("Language").selectOption("de");
  await page.goto("/contacts/new");
  await expect(page.getByRole("heading", { level: 1, name: "Neuer Kontakt" })).toBeVisible();
  await page.getByLabel("Vorname").fill("Jonas");
  const phone = page.getByLabel("Telefon");
  await phone.fill("12ab");
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/contacts") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Speichern" }).click();
  const problem = (await (await answer).json()) as { errors: Array<{ field: string; code: string; message: string }> };
  expect(problem.errors).toEqual([expect.objectContaining({ field: "phones.0.phone", code: "invalid_phone" })]);

  await expect(phone).toHaveAttribute("aria-invalid", "true");
  await expect(phone).toHaveAccessibleDescription("Bitte eine gültige Telefonnummer mit Ländervorwahl eingeben (z. B. +49).");
  await expect(page.getByRole("alert")).toHaveText("Bitte korrigieren Sie die markierten Felder.");
  await expect(page.locator("body")).not.toContainText(problem.errors[0]!.message);
  await expect(page.locator("body")).not.toContainText("is not a phone number");
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "forms-german-field-error");
  await page.getByLabel("Sprache").selectOption("en");
});
