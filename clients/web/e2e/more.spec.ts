// Journeys through the less daily screens: requests, import, administration (roles and
// their access grid, API keys), and what a Salesperson reads but does not get to change.
import { OWNER_EMAIL } from "./api";
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

test("administration offers only roles below the user's own, for users and API keys; a key's secret shows once and stops working when revoked", async ({ page }) => {
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

  // An API key for an integration: its secret is shown once, works, and stops working
  // once the key is revoked.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "API keys", exact: true }).click();
  const newKey = page.getByRole("form", { name: "Create an API key" });
  const keyRole = newKey.getByLabel("Role");
  await expect(keyRole.getByRole("option", { name: "Salesperson" })).toBeAttached();
  expect(await keyRole.locator("option").allTextContents()).not.toContain("Owner");
  await newKey.getByLabel("Name").fill("E2E ERP sync");
  await keyRole.selectOption({ label: "Salesperson" });
  await newKey.getByRole("button", { name: "Create" }).click();
  const box = page.getByRole("region", { name: "New key for E2E ERP sync" });
  await expect(box).toBeVisible();
  await expect(box.getByText("it will not be shown again")).toBeVisible();
  const secret = await box.getByLabel("API key").inputValue();
  expect(secret).toMatch(/^crm_/);
  await box.getByRole("button", { name: "Copy" }).click();
  await expect(box.getByRole("status")).toHaveText("Copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const row = page.getByRole("row", { name: /E2E ERP sync/ });
  await expect(row.getByRole("cell", { name: "Active" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Never used" })).toBeVisible();
  expect(secret.startsWith((await row.locator("code").textContent())!)).toBe(true);
  await screenshot(page, "08-admin-api-key");
  const asKey = (): Promise<number> =>
    page.request.get("/api/v1/contacts?limit=1", { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status());
  expect(await asKey()).toBe(200);
  await box.getByRole("button", { name: "I have copied it: close" }).click();
  await expect(box).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await axeViolations(page), "API keys").toEqual([]);
  // The use shows in the list once it is read again.
  await page.reload();
  await page.getByRole("button", { name: "API keys", exact: true }).click();
  await expect(row.getByRole("cell", { name: /from / })).toBeVisible();

  await row.getByRole("button", { name: "Revoke E2E ERP sync" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke the API key" });
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByRole("cell", { name: "Revoked" })).toBeVisible();
  await expect(row.getByRole("button")).toHaveCount(0);
  expect(await asKey()).toBe(401);

  // Every tab of the administration passes the accessibility scan too.
  for (const tab of ["Teams", "Roles", "Custom fields", "Pipelines"]) {
    await page.getByRole("button", { name: tab, exact: true }).click();
    await expect(page.getByRole("button", { name: tab, exact: true })).toHaveAttribute("aria-pressed", "true");
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page), tab).toEqual([]);
  }
});

test("a Salesperson reads the whole directory but changes only their own contacts; reports on their deals, no administration", async ({ page, playwright }) => {
  await signIn(page, "salesperson.north@demo.example");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
  // Reports are scoped to the deals one reads, so deal access shows them.
  await expect(nav.getByRole("link", { name: "Reports" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Administration" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Import" })).toHaveCount(0);

  // The template reads every contact (all) and writes its own (own).
  const context = await playwright.request.newContext({ baseURL: process.env.CRM_E2E_URL });
  const seller = await Api.signIn(context, "salesperson.north@demo.example");
  const me = await seller.get<{ id: string }>("/auth/me");
  const listed = (
    await seller.get<{ items: Array<{ id: string; full_name: string; owner_id: string; emails: Array<{ email: string }> }> }>("/contacts?limit=200&sort=name")
  ).items;
  await context.dispose();
  // Names are drawn at random for the demo: pick ones no contact of the other kind shares.
  const named = (name: string, own: boolean) => listed.some((c) => c.full_name === name && (c.owner_id === me.id) === own);
  const mine = listed.find((c) => c.owner_id === me.id && !named(c.full_name, false))!;
  const theirs = listed.find((c) => c.owner_id !== me.id && !named(c.full_name, true))!;
  expect(mine, "a contact of their own").toBeTruthy();
  expect(theirs, "a colleague's contact in the directory").toBeTruthy();

  // In the list, only their own contacts can be picked for bulk changes.
  await page.getByRole("link", { name: "Contacts" }).click();
  const search = page.getByRole("search", { name: "Filters" }).getByLabel("Search", { exact: true });
  await search.fill(theirs.full_name);
  const theirRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: theirs.full_name, exact: true }) }).first();
  await expect(theirRow).toBeVisible();
  await expect(theirRow.getByRole("checkbox")).toHaveCount(0);
  await search.fill(mine.full_name);
  const myRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: mine.full_name, exact: true }) }).first();
  await expect(myRow.getByRole("checkbox", { name: `Select ${mine.full_name}` })).toBeVisible();

  // A colleague's contact reads, with its phone and history, but offers no Edit.
  await page.goto(`/contacts/${theirs.id}`);
  await expect(page.getByRole("heading", { level: 1, name: theirs.full_name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await page.goto(`/contacts/${mine.id}`);
  await expect(page.getByRole("heading", { level: 1, name: mine.full_name })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toBeVisible();

  // Typing a colleague's customer's e-mail into a new contact: the check, before saving,
  // links the colleague's contact (the template reads every contact) and says why.
  const twin = listed.find((c) => c.owner_id !== me.id && c.emails.length > 0)!;
  expect(twin, "a colleague's contact with an e-mail").toBeTruthy();
  await page.goto("/contacts/new");
  await page.getByLabel("First name").fill("Tilda");
  await page.getByLabel("Last name").fill("Twin");
  await page.getByLabel("E-mail").fill(twin.emails[0]!.email.toUpperCase());
  const hint = page.getByRole("status").filter({ hasText: "Already in the CRM" });
  const match = hint.getByRole("listitem").filter({ has: page.getByRole("link", { name: twin.full_name, exact: true }) });
  await expect(match).toBeVisible();
  await expect(match).toContainText("same e-mail");
  await expect(match.getByRole("link")).toHaveAttribute("href", `/contacts/${twin.id}`);
  await expect(hint).toContainText("You can still save it");
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "new contact with a possible duplicate").toEqual([]);
  await screenshot(page, "contact-duplicate-check");

  // Saving anyway is possible, and the new contact's history says it was a probable duplicate.
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tilda Twin" })).toBeVisible();
  const history = page.getByRole("region", { name: "Change history" });
  await expect(history.getByRole("listitem").filter({ hasText: /^.*Created despite \d+ possible duplicates?/ })).toHaveCount(1);
  const duplicates = page.getByRole("region", { name: "Possible duplicates" });
  await expect(duplicates.getByRole("link", { name: twin.full_name, exact: true })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "contact page with duplicates and history").toEqual([]);
});

test("the Owner builds a custom role “Reads all, writes own” with the access grid and sees it listed with its access", async ({ page, playwright }) => {
  const kinds = ["Contacts", "Companies", "Deals", "Interactions", "Tasks", "Requests"];
  await signIn(page, OWNER_EMAIL);
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("button", { name: "Roles", exact: true }).click();
  // Templates are read-only: their access opens as a grid.
  const salesperson = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Salesperson/ }) });
  await expect(salesperson).toContainText("Contacts, Companies — read: All, write: Own");
  await salesperson.getByRole("button", { name: "Show access: Salesperson" }).click();
  const template = page.getByRole("table", { name: "Access of Salesperson" });
  await expect(template.getByRole("columnheader")).toHaveText(["Records", "Read", "Write", "Archive"]);
  await expect(template.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Deals" }) })).toContainText("OwnOwnOwn");
  await expect(template.getByRole("combobox")).toHaveCount(0);

  const form = page.getByRole("form", { name: "Add a custom role" });
  await form.getByLabel("Role name").fill("Reads all, writes own");
  await form.getByLabel("Rank").fill("15");
  for (const kind of kinds) {
    await form.getByLabel(`${kind}: read`).selectOption("all");
    await form.getByLabel(`${kind}: write`).selectOption("own");
    // Archiving goes along with writing, and is offered no wider.
    await expect(form.getByLabel(`${kind}: archive`)).toHaveValue("own");
  }
  await expect(form.getByLabel("Contacts: archive").locator("option")).toHaveText(["None", "Own"]);
  // Lowering read lowers write and archive; write is never offered wider than read.
  await form.getByLabel("Tasks: read").selectOption("none");
  await expect(form.getByLabel("Tasks: write")).toHaveValue("none");
  await expect(form.getByLabel("Tasks: archive")).toHaveValue("none");
  await expect(form.getByLabel("Tasks: write").locator("option")).toHaveText(["None"]);
  await form.getByLabel("Tasks: read").selectOption("all");
  await form.getByLabel("Tasks: write").selectOption("own");
  await expect(form.getByLabel("Tasks: archive")).toHaveValue("own");
  // This role changes deals but archives none.
  await form.getByLabel("Deals: archive").selectOption("none");
  // Record permissions follow from the grid; the others are checkboxes.
  await expect(form.getByRole("checkbox", { name: /contacts:read/ })).toHaveCount(0);
  await form.getByRole("checkbox", { name: /reports:read/ }).check();
  expect(await axeViolations(page), "roles with the access grid").toEqual([]);
  await screenshot(page, "role-grid");
  await form.getByRole("button", { name: "Create" }).click();

  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Reads all, writes own" }) });
  await expect(row).toBeVisible();
  // Archiving is named only where it differs from writing.
  await expect(row).toContainText("Contacts, Companies, Interactions, Tasks, Requests — read: All, write: Own");
  await expect(row).toContainText("Deals — read: All, write: Own, archive: None");
  await expect(row).toContainText("See reports");
  // It is the Owner's to edit: the grid shows what was saved.
  await row.getByRole("button", { name: "Edit Reads all, writes own" }).click();
  const edit = page.getByRole("form", { name: "Edit Reads all, writes own" });
  for (const kind of kinds) {
    await expect(edit.getByLabel(`${kind}: read`)).toHaveValue("all");
    await expect(edit.getByLabel(`${kind}: write`)).toHaveValue("own");
    await expect(edit.getByLabel(`${kind}: archive`)).toHaveValue(kind === "Deals" ? "none" : "own");
  }

  const context = await playwright.request.newContext({ baseURL: process.env.CRM_E2E_URL });
  const owner = await Api.signIn(context, OWNER_EMAIL);
  const roles = await owner.get<{ items: Array<{ name: string; is_template: boolean; access: Record<string, unknown>; permissions: string[] }> }>("/roles");
  const users = await owner.get<{ items: Array<{ id: string; email: string }> }>("/users?limit=200");
  const contacts = await owner.get<{ items: Array<{ id: string; full_name: string; owner_id: string }> }>("/contacts?limit=200&sort=name");
  await context.dispose();
  const made = roles.items.find((r) => r.name === "Reads all, writes own")!;
  expect(made.is_template).toBe(false);
  expect(made.access).toEqual(
    Object.fromEntries(
      ["contacts", "companies", "deals", "interactions", "tasks", "requests"].map((k) => [k, { read: "all", write: "own", archive: k === "deals" ? "none" : "own" }]),
    ),
  );
  expect(made.permissions).toContain("reports:read");
  expect(made.permissions).toContain("deals:write");

  // Users → Check access: a Salesperson reads a colleague's contact (all) but cannot change it (own).
  const seller = users.items.find((u) => u.email === "salesperson.north@demo.example")!;
  const once = (name: string) => contacts.items.filter((c) => c.full_name === name).length === 1;
  const theirs = contacts.items.find((c) => c.owner_id !== seller.id && c.full_name && once(c.full_name))!;
  expect(theirs, "a colleague's contact with a name of its own").toBeTruthy();
  await page.getByRole("button", { name: "Users", exact: true }).click();
  await page.getByRole("button", { name: "Check access of Salesperson North" }).click();
  const check = page.getByRole("dialog", { name: "Check access of Salesperson North" });
  await expect(check.getByLabel("Kind of record")).toHaveValue("contacts");
  await check.getByRole("combobox", { name: "Record", exact: true }).fill(theirs.full_name);
  await check.getByRole("option", { name: new RegExp(`^${theirs.full_name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).first().click();
  await check.getByRole("button", { name: "Check", exact: true }).click();
  const verdict = check.getByRole("table", { name: "What Salesperson North may do with it" });
  await expect(verdict.getByRole("row", { name: /^Read/ })).toContainText("Allowed");
  await expect(verdict.getByRole("row", { name: /^Read/ })).toContainText("their level reaches every record (All)");
  await expect(verdict.getByRole("row", { name: /^Write/ })).toContainText("Not allowed");
  await expect(verdict.getByRole("row", { name: /^Write/ })).toContainText("beyond their level (Own)");
  await page.waitForLoadState("networkidle");
  expect(await axeViolations(page), "check access").toEqual([]);
  await screenshot(page, "check-access");
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
