// Real journeys through the built app against a live API with the demo data.
import { axeViolations, expect, screenshot, signIn, test } from "./fixtures";

interface Page<T> {
  items: T[];
}
interface Contact {
  id: string;
  full_name: string;
  last_name: string;
  interaction_count: number;
}
interface Pipeline {
  id: string;
  is_default: boolean;
  stages: Array<{ id: string; name: string; kind: string }>;
}

test("signs in, and lands on the login page with a message when the session ends", async ({ page }) => {
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("E-mail").fill("full.access.north@demo.example");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("E-mail or password is wrong.");

  // Signing in returns to the page that asked for it.
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await page.getByRole("link", { name: "My day" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My day" })).toBeVisible();
  await screenshot(page, "01-my-day");
  // A reload keeps the session.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My day" })).toBeVisible();

  // The API refuses the session (here: a refresh token it never issued, the access token
  // expired): the app says so on the login page.
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem("crm.session")!);
    localStorage.setItem("crm.session", JSON.stringify({ ...saved, refreshToken: "revoked", expiresAt: 0 }));
  });
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("Your session has expired. Please sign in again.")).toBeVisible();
});

test("signing out revokes the session, in every tab", async ({ page, request }) => {
  await signIn(page);
  const other = await page.context().newPage();
  await other.goto("/contacts");
  await expect(other.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("crm.session")!) as { refreshToken: string });
  // The app forgets the tokens at once and revokes them in the background: wait for that.
  const revoked = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/logout"));
  await page.getByRole("button", { name: "Sign out" }).click();
  expect((await revoked).status()).toBe(204);
  await expect(page).toHaveURL(/\/login$/);
  await expect(other).toHaveURL(/\/login$/);
  await expect(other.getByText("Your session has expired")).toHaveCount(0);
  await expect(page.getByText("Your session has expired")).toHaveCount(0);
  const refresh = await request.post("/api/v1/auth/refresh", { data: { refresh_token: saved.refreshToken } });
  expect(refresh.status()).toBe(401);
});

test("finds a contact with the search box and logs a call in two clicks", async ({ page, api }) => {
  const [contact] = (await api.get<Page<Contact>>("/contacts?limit=1&sort=name")).items;
  await signIn(page);
  await page.keyboard.press("/");
  const search = page.getByRole("combobox", { name: "Search contacts, companies and deals" });
  await expect(search).toBeFocused();
  await search.fill(contact!.last_name);
  await expect(page.getByRole("option", { name: new RegExp(contact!.full_name) }).first()).toBeVisible();
  await page.getByRole("option", { name: new RegExp(contact!.full_name) }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: contact!.full_name })).toBeVisible();

  const timeline = page.getByRole("region", { name: "Timeline" });
  const calls = timeline.locator(".timeline-kind", { hasText: /^Call$/ });
  await expect(timeline.getByRole("listitem").or(timeline.getByText("Nothing has happened yet.")).first()).toBeVisible();
  const before = await calls.count();

  await page.getByRole("button", { name: "Call", exact: true }).click();
  await page.getByRole("button", { name: "Save Call" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Call logged." })).toBeVisible();
  await expect(calls).toHaveCount(before + 1);
  await screenshot(page, "02-contact");

  const after = await api.get<Contact>(`/contacts/${contact!.id}`);
  expect(after.interaction_count).toBe(contact!.interaction_count + 1);
});

test("drags a deal to Won and the forecast shows it", async ({ page, api }) => {
  const pipelines = await api.get<{ items: Pipeline[] }>("/pipelines");
  const pipeline = pipelines.items.find((p) => p.is_default)!;
  const open = pipeline.stages.find((s) => s.kind === "open")!;
  const won = pipeline.stages.find((s) => s.kind === "won")!;
  const today = new Date().toISOString().slice(0, 10);
  await api.post("/deals", {
    title: "E2E forecast deal",
    amount: 1_234_500,
    currency: "EUR",
    stage_id: open.id,
    expected_close: today,
  });

  // Wide enough for every column at once: a drag that has to scroll is not what people do.
  await page.setViewportSize({ width: 1920, height: 1000 });
  await signIn(page);
  await page.getByRole("link", { name: "Reports" }).click();
  const wonEur = page.getByTestId("won-EUR");
  await expect(wonEur).toBeVisible();
  const before = await wonEur.textContent();

  await page.getByRole("link", { name: "Deals board" }).click();
  const card = page.locator('[data-deal="E2E forecast deal"]');
  const wonColumn = page.getByRole("region", { name: won.name, exact: true });
  await expect(card).toBeVisible();
  // Both ends in view before the drag starts (the newest deal leads its column).
  await page.evaluate(() => window.scrollTo(0, 0));
  await card.dragTo(wonColumn, { targetPosition: { x: 40, y: 40 } });
  await expect(wonColumn.locator('[data-deal="E2E forecast deal"]')).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `moved to ${won.name}` })).toBeAttached();
  await screenshot(page, "03-board", false);

  await page.getByRole("link", { name: "Reports" }).click();
  await expect(wonEur).not.toHaveText(before ?? "");
  await screenshot(page, "04-reports");
});

test("moves a deal to Lost with the keyboard, giving a reason", async ({ page, api }) => {
  const pipelines = await api.get<{ items: Pipeline[] }>("/pipelines");
  const pipeline = pipelines.items.find((p) => p.is_default)!;
  const open = pipeline.stages.find((s) => s.kind === "open")!;
  const lost = pipeline.stages.find((s) => s.kind === "lost")!;
  await api.post("/deals", { title: "E2E lost deal", amount: 50_000, currency: "USD", stage_id: open.id });
  const moves: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/move")) moves.push(r.url());
  });

  await signIn(page);
  await page.getByRole("link", { name: "Deals board" }).click();
  const openColumn = page.getByRole("region", { name: open.name, exact: true });
  const select = openColumn.getByLabel("Move “E2E lost deal” to");
  await select.focus();
  // Arrow keys browse the closed list (Chromium changes its value): nothing moves yet.
  const steps = pipeline.stages.indexOf(lost) - pipeline.stages.indexOf(open);
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue(lost.id);
  await expect(select).toBeFocused();
  await page.waitForTimeout(300);
  expect(moves).toEqual([]);
  await expect(openColumn.locator('[data-deal="E2E lost deal"]')).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Enter is the choice.
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Why was “E2E lost deal” lost?" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Lost reason").fill("Budget frozen");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: `Move to ${lost.name}` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  const lostColumn = page.getByRole("region", { name: lost.name, exact: true });
  await expect(lostColumn.locator('[data-deal="E2E lost deal"]')).toBeVisible();
  expect(moves).toHaveLength(1);
  // The focus is back on the moved card, in its new column.
  await expect(lostColumn.getByLabel("Move “E2E lost deal” to")).toBeFocused();
});

test("moves a deal with the Move button, and the focus follows the card", async ({ page, api }) => {
  const pipelines = await api.get<{ items: Pipeline[] }>("/pipelines");
  const pipeline = pipelines.items.find((p) => p.is_default)!;
  const [first, second] = pipeline.stages.filter((s) => s.kind === "open");
  await api.post("/deals", { title: "E2E button deal", amount: 70_000, currency: "EUR", stage_id: first!.id });
  await signIn(page);
  await page.getByRole("link", { name: "Deals board" }).click();
  const select = page.getByRole("region", { name: first!.name, exact: true }).getByLabel("Move “E2E button deal” to");
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue(second!.id);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Move “E2E button deal”" })).toBeFocused();
  await page.keyboard.press("Enter");
  const target = page.getByRole("region", { name: second!.name, exact: true });
  await expect(target.locator('[data-deal="E2E button deal"]')).toBeVisible();
  await expect(target.getByLabel("Move “E2E button deal” to")).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: `moved to ${second!.name}` })).toBeAttached();
});

interface Deal {
  id: string;
  title: string;
  amount: number;
  currency: string;
  contact_id: string | null;
  company_id: string | null;
  expected_close: string | null;
  version: number;
}

test("creates a deal with a German-formatted amount in the German interface", async ({ page, api }) => {
  await signIn(page);
  await page.getByLabel("Language").selectOption("de");
  await page.getByRole("link", { name: "Verkaufschancen" }).click();
  await page.getByRole("button", { name: "Neue Verkaufschance" }).click();
  const dialog = page.getByRole("dialog", { name: "Neue Verkaufschance" });
  await dialog.getByLabel("Titel der Verkaufschance").fill("E2E Betrag auf Deutsch");
  expect(await axeViolations(page), "new deal dialog").toEqual([]);
  // Not a German amount: refused at the field, nothing sent.
  await dialog.getByLabel("Betrag").fill("12,345.67");
  await dialog.getByRole("button", { name: "Verkaufschance anlegen" }).click();
  await expect(dialog.getByLabel("Betrag")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Das ist kein Betrag. Bitte so eingeben: 12.345,67.")).toBeVisible();
  expect((await api.get<Page<Deal>>("/deals?q=E2E%20Betrag")).items).toHaveLength(0);

  await dialog.getByLabel("Betrag").fill("12.345,67");
  await dialog.getByRole("button", { name: "Verkaufschance anlegen" }).click();
  await expect(dialog).toHaveCount(0);
  const card = page.locator('[data-deal="E2E Betrag auf Deutsch"]');
  await expect(card).toContainText("12.345,67");
  const [deal] = (await api.get<Page<Deal>>("/deals?q=E2E%20Betrag")).items;
  expect(deal).toMatchObject({ amount: 1_234_567, currency: "EUR" });

  // A thousand with a German grouping point is a thousand, not one and a half.
  await page.getByRole("button", { name: "Neue Verkaufschance" }).click();
  await dialog.getByLabel("Titel der Verkaufschance").fill("E2E Tausendfünfhundert");
  await dialog.getByLabel("Betrag").fill("1.500");
  await dialog.getByRole("button", { name: "Verkaufschance anlegen" }).click();
  await expect(dialog).toHaveCount(0);
  const [thousand] = (await api.get<Page<Deal>>("/deals?q=Tausendf%C3%BCnfhundert")).items;
  expect(thousand!.amount).toBe(150_000);
});

test("edits a deal: amount, title, contact, company and close date", async ({ page, api }) => {
  const deal = await api.post<Deal>("/deals", { title: "E2E deal to edit", amount: 100_000, currency: "EUR" });
  const [contact] = (await api.get<Page<Contact>>("/contacts?limit=1&sort=name")).items;
  const [company] = (await api.get<Page<{ id: string; name: string }>>("/companies?limit=1&sort=name")).items;
  await signIn(page);
  await page.goto(`/deals/${deal.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "E2E deal to edit" })).toBeVisible();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const form = page.getByRole("region", { name: "Edit the deal" });
  await expect(form.getByLabel("Amount")).toHaveValue("1,000.00");
  await form.getByLabel("Title").fill("E2E deal, edited");
  await form.getByLabel("Amount").fill("12,345.67");

  const contactBox = form.getByRole("combobox", { name: "Contact" });
  await contactBox.fill(contact!.last_name);
  await form.getByRole("option", { name: new RegExp(contact!.full_name) }).first().click();
  await expect(contactBox).toHaveValue(contact!.full_name);

  const companyBox = form.getByRole("combobox", { name: "Company" });
  await companyBox.fill(company!.name.slice(0, 4));
  await expect(form.getByRole("option", { name: new RegExp(company!.name) }).first()).toBeVisible();
  expect(await axeViolations(page), "deal editor with a picker open").toEqual([]);
  await form.getByRole("option", { name: new RegExp(company!.name) }).first().click();
  await expect(companyBox).toHaveValue(company!.name);

  await form.getByLabel("Expected close").fill("2027-03-15");
  await screenshot(page, "10-deal-edit");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E deal, edited" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Deal" }).getByRole("link", { name: company!.name })).toBeVisible();

  const after = await api.get<Deal>(`/deals/${deal.id}`);
  expect(after).toMatchObject({
    title: "E2E deal, edited",
    amount: 1_234_567,
    contact_id: contact!.id,
    company_id: company!.id,
    expected_close: "2027-03-15",
    version: deal.version + 1,
  });
});

test("switches the language, and keeps it after a reload", async ({ page }) => {
  await signIn(page);
  await page.getByLabel("Language").selectOption("de");
  await expect(page.getByRole("heading", { level: 1, name: "Mein Tag" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Kontakte" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Mein Tag" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByRole("link", { name: "Kontakte" }).click();
  await expect(page.getByRole("columnheader", { name: /Firma/ })).toBeVisible();
  await screenshot(page, "05-contacts-de");
  await page.getByLabel("Sprache").selectOption("zh");
  await expect(page.getByRole("heading", { level: 1, name: "联系人" })).toBeVisible();
  await page.getByLabel("语言").selectOption("en");
});

test("the account page lists where I am signed in and signs another device out", async ({ page, browser }) => {
  const iPhone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
  const phone = await browser.newContext({ baseURL: process.env.CRM_E2E_URL, userAgent: iPhone });
  const phonePage = await phone.newPage();
  await signIn(phonePage);
  await signIn(page);
  await page.getByRole("link", { name: /\(Account\)/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const mine = page.getByRole("listitem").filter({ hasText: "This device" });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Chrome on Linux");
  await screenshot(page, "account");
  await page.getByRole("button", { name: "Sign out Safari on iPhone" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out this device?" });
  await dialog.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Safari on iPhone is signed out.");
  await expect(page.getByRole("button", { name: "Sign out Safari on iPhone" })).toHaveCount(0);

  // The phone's next request is refused, and its refresh too: it lands on the login page.
  await phonePage.reload();
  await expect(phonePage).toHaveURL(/\/login$/);
  await expect(phonePage.getByText("Your session has expired. Please sign in again.")).toBeVisible();
  await phone.close();
  // This device is still signed in.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
});

test("the main pages have no serious or critical accessibility violations, nor any the Content Security Policy refuses", async ({ page, api }) => {
  // The app runs under the API's strict policy (api/web.py): nothing it loads may be refused.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) refused.push(message.text());
  });
  const [contact] = (await api.get<Page<Contact>>("/contacts?limit=1")).items;
  const [deal] = (await api.get<Page<{ id: string; title: string }>>("/deals?limit=1")).items;
  const request = await api.post<{ id: string; subject: string }>("/requests", {
    contact_id: contact!.id,
    channel: "email",
    subject: "Axe: invoice question",
  });
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  const found: Record<string, string[]> = { login: await axeViolations(page) };
  await signIn(page);
  const pages: Array<[string, string, RegExp | string]> = [
    ["my day", "/my-day", "My day"],
    ["contacts", "/contacts", "Contacts"],
    ["contact", `/contacts/${contact!.id}`, contact!.full_name],
    ["new contact", "/contacts/new", "New contact"],
    ["companies", "/companies", "Companies"],
    ["new company", "/companies/new", "New company"],
    ["board", "/board", "Deals board"],
    ["deal", `/deals/${deal!.id}`, deal!.title],
    ["reports", "/reports", "Reports"],
    ["requests", "/requests", "Requests"],
    ["request", `/requests/${request.id}`, request.subject],
    ["admin", "/admin", "Administration"],
    ["import", "/import", "Import"],
    ["account", "/account", "Account"],
  ];
  for (const [name, path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await page.waitForLoadState("networkidle");
    found[name] = await axeViolations(page);
  }
  await page.goto("/admin");
  await page.getByRole("button", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { name: /^Lead rotation of / }).first()).toBeVisible();
  found["teams and lead rotation"] = await axeViolations(page);
  await page.getByRole("button", { name: "Audit trail" }).click();
  await expect(page.getByRole("table", { name: "Audit trail" })).toBeVisible();
  found["audit trail"] = await axeViolations(page);
  expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  expect(refused).toEqual([]);
});
