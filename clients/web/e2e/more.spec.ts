// Journeys through the less daily screens: requests, import, administration, and what a
// Salesperson does not get to see.
import { Api, axeViolations, expect, screenshot, signIn, test } from "./fixtures";

test("works the request queue: resolving asks for the resolution", async ({ page, api }) => {
  const [contact] = (await api.get<{ items: Array<{ id: string }> }>("/contacts?limit=1")).items;
  await api.post("/requests", { contact_id: contact!.id, channel: "email", subject: "E2E broken invoice", priority: "urgent" });
  await signIn(page);
  await page.getByRole("link", { name: "Requests" }).click();
  await page.getByLabel("Show").selectOption("all");
  const row = page.getByRole("row", { name: /E2E broken invoice/ });
  await expect(row).toBeVisible();
  await row.getByLabel("Change the status of “E2E broken invoice”").selectOption("open");
  await expect(row.getByLabel("Change the status of “E2E broken invoice”")).toHaveValue("open");
  await row.getByLabel("Change the status of “E2E broken invoice”").selectOption("resolved");
  const dialog = page.getByRole("dialog", { name: "How was “E2E broken invoice” resolved?" });
  await dialog.getByLabel("Resolution").fill("Credit note sent");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByLabel("Change the status of “E2E broken invoice”")).toHaveValue("resolved");
  await screenshot(page, "06-requests");
});

test("imports contacts from a CSV with a column mapping and shows the progress", async ({ page, api }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Import" }).click();
  const csv = "Vorname;Nachname;E-Mail;Customer group\nImka;Importer;imka@import.example;gold\nIvo;Importer;ivo@import.example;silver\n";
  await page.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // Guessed from the German headers; the last column is left out.
  await expect(page.getByLabel("Vorname")).toHaveValue("first_name");
  await expect(page.getByLabel("E-Mail", { exact: true })).toHaveValue("email");
  await expect(page.getByLabel("Customer group")).toHaveValue("");
  await page.getByRole("button", { name: "Start the import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Finished" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("2 created, 0 updated, 0 skipped, 0 failed")).toBeVisible();
  await screenshot(page, "07-import");
  const found = await api.get<{ items: unknown[] }>("/contacts?q=Importer");
  expect(found.items).toHaveLength(2);
});

test("administration offers only roles below the user's own", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "Administration" }).click();
  const role = page.getByLabel("Role");
  await expect(role.getByRole("option", { name: "Salesperson" })).toBeAttached();
  const offered = await role.locator("option").allTextContents();
  expect(offered).toContain("Senior manager");
  expect(offered).not.toContain("Owner");
  expect(offered).not.toContain("Full access");
  await page.getByLabel("Full name").fill("Ella Example");
  await page.getByLabel("E-mail").fill("ella@demo.example");
  await page.getByLabel("Initial password").fill("a long and unusual passphrase");
  await role.selectOption({ label: "Salesperson" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("row", { name: /Ella Example/ })).toBeVisible();
  await screenshot(page, "08-admin");

  // Every tab of the administration passes the accessibility scan too.
  for (const tab of ["Teams", "Roles", "Custom fields", "Pipelines"]) {
    await page.getByRole("button", { name: tab, exact: true }).click();
    await expect(page.getByRole("button", { name: tab, exact: true })).toHaveAttribute("aria-pressed", "true");
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page), tab).toEqual([]);
  }
});

test("a Salesperson sees their own work and reports on their deals, not administration", async ({ page, playwright }) => {
  await signIn(page, "salesperson.north@demo.example");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
  // Reports are scoped to the deals one reads, so deal access shows them.
  await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Administration" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Import" })).toHaveCount(0);
  await page.getByRole("link", { name: "Contacts" }).click();
  // Only their own customers: every owner shown is "Me".
  const context = await playwright.request.newContext({ baseURL: process.env.CRM_E2E_URL });
  const mine = await (await Api.signIn(context, "salesperson.north@demo.example")).get<{ items: unknown[] }>("/contacts?limit=200");
  await context.dispose();
  await expect(page.getByRole("row")).toHaveCount(mine.items.length + 1);
});

test("works on a phone: the navigation folds behind the menu button", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" })).toBeHidden();
  await menu.click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("table")).toBeVisible();
  await screenshot(page, "09-phone-contacts");
});
