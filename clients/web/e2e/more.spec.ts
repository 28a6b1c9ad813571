// Journeys through the less daily screens: requests, import, administration, and what a
// Salesperson does not get to see.
import { Api, axeViolations, expect, screenshot, signIn, test } from "./fixtures";

test("the queue shows a request I registered under “Assigned to me”, and opens its page", async ({ page, api }) => {
  const [contact] = (await api.get<{ items: Array<{ id: string }> }>("/contacts?limit=1")).items;
  await api.post("/requests", { contact_id: contact!.id, channel: "email", subject: "E2E broken invoice", priority: "urgent" });
  await signIn(page);
  await page.getByRole("link", { name: "Requests" }).click();
  await expect(page.getByLabel("Show")).toHaveValue("mine");
  const row = page.getByRole("row", { name: /E2E broken invoice/ });
  await expect(row).toBeVisible();
  await screenshot(page, "06-requests");
  await row.getByRole("link", { name: "E2E broken invoice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E broken invoice" })).toBeVisible();
});

test("creates a request from a contact and takes it to Closed", async ({ page, api }) => {
  const [contact] = (await api.get<{ items: Array<{ id: string; full_name: string }> }>("/contacts?limit=1")).items;
  await signIn(page);
  await page.goto(`/contacts/${contact!.id}`);
  await page.getByRole("button", { name: "New request" }).click();
  const form = page.getByRole("dialog", { name: "New request" });
  await expect(form.getByText(contact!.full_name)).toBeVisible();
  await form.getByLabel("Subject").fill("E2E pump is leaking");
  await form.getByLabel("Received by").selectOption("call");
  await form.getByLabel("Priority").selectOption("high");
  await form.getByLabel("Description").fill("Water under the pump since Monday.");
  expect(await axeViolations(page), "new request dialog").toEqual([]);
  await form.getByRole("button", { name: "Create" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "E2E pump is leaking" })).toBeVisible();
  const requestId = new URL(page.url()).pathname.split("/").at(-1)!;
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByRole("link", { name: contact!.full_name })).toBeVisible();
  // Whoever logs it has it until they hand it over.
  await expect(page.getByRole("button", { name: "Take it" })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "request page").toEqual([]);

  // Hand it to a colleague, then take it back.
  await page.getByLabel("Assign to").selectOption({ label: "Salesperson North" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(details.getByText("Salesperson North")).toBeVisible();
  await page.getByRole("button", { name: "Take it" }).click();
  await expect(page.getByRole("button", { name: "Take it" })).toHaveCount(0);

  const moves = page.getByRole("group", { name: "Move to" });
  await expect(moves.getByRole("button")).toHaveText(["Open", "Pending", "Resolved", "Closed"]);
  await moves.getByRole("button", { name: "Open" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Move to Open" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(moves.getByRole("button")).toHaveText(["Pending", "Resolved", "Closed"]);

  await moves.getByRole("button", { name: "Resolved" }).click();
  const resolve = page.getByRole("dialog", { name: "Move “E2E pump is leaking” to Resolved?" });
  await resolve.getByLabel("Resolution").fill("Replaced the seal");
  expect(await axeViolations(page), "status move dialog").toEqual([]);
  await resolve.getByRole("button", { name: "Move to Resolved" }).click();
  await expect(resolve).toHaveCount(0);

  await moves.getByRole("button", { name: "Closed" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Move to Closed" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(moves.getByRole("button")).toHaveText(["Open"]);
  const history = page.getByRole("region", { name: "Status history" }).getByRole("listitem");
  await expect(history).toHaveCount(4);
  await expect(history.first()).toContainText("Resolved → Closed");
  await screenshot(page, "11-request");

  const saved = await api.get<{ status: string; resolution: string; closed_at: string | null }>(`/requests/${requestId}`);
  expect(saved).toMatchObject({ status: "closed", resolution: "Replaced the seal" });
  expect(saved.closed_at).not.toBeNull();

  // The contact's timeline shows each move once, as it happened.
  await details.getByRole("link", { name: contact!.full_name }).click();
  const timeline = page.getByRole("region", { name: "Timeline" }).getByRole("listitem").filter({ hasText: "E2E pump is leaking" });
  await expect(timeline).toHaveCount(4);
  await expect(timeline.first()).toContainText("Resolved → Closed");
  await expect(timeline.last()).toContainText("registered as New");
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
