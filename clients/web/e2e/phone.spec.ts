// A rep's day on a phone (390×844, touch), and the board on a laptop screen (1366×768).
import type { Page as BrowserPage } from "@playwright/test";

import { axeViolations, expect, screenshot, signIn, test } from "./fixtures";

interface Contact {
  id: string;
  full_name: string;
  last_name: string;
  phones: Array<{ phone: string }>;
  interaction_count: number;
}
interface Pipeline {
  id: string;
  is_default: boolean;
  stages: Array<{ id: string; name: string; kind: string }>;
}
interface Deal {
  id: string;
  stage_id: string;
}

const SCREEN = 844;

/** The visible controls a finger taps, smaller than 40 px either way: buttons, selects, inputs, list links. */
async function smallTapTargets(page: BrowserPage): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      "button",
      "a.button",
      "select",
      "textarea",
      'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])',
      "li > a",
      "dd a",
      "nav a",
    ].join(", ");
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest(".visually-hidden")) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown (a folded menu)
      if (box.width < 40 || box.height < 40) {
        const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40);
        small.push(`${element.tagName.toLowerCase()} “${name}” ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: SCREEN }, hasTouch: true, isMobile: true });

  test("a rep's day on a touch phone: find a contact, see the number, log the call, move a deal without dragging", async ({ page, api }) => {
    // A customer with a long history: twelve calls and e-mails with notes fill the timeline.
    const contact = await api.post<Contact>("/contacts", {
      first_name: "Pia",
      last_name: "Phonebook",
      phones: [{ phone: "+49 30 1234567" }],
      emails: [{ email: "pia.phonebook@example.com" }],
      processing_consent: true,
    });
    for (let i = 0; i < 12; i++) {
      await api.post("/interactions", {
        channel: i % 2 ? "email" : "call",
        direction: "outbound",
        contact_id: contact.id,
        subject: `Follow-up ${i + 1}`,
        body: "Talked about the offer, the delivery dates and the price.\nTo be continued next week.",
        occurred_at: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
      });
    }
    // As the API stores it (normalised).
    const phone = contact.phones[0]!.phone;
    const logged = (await api.get<Contact>(`/contacts/${contact.id}`)).interaction_count;

    await signIn(page);
    const search = page.getByRole("combobox", { name: "Search contacts, companies and deals" });
    await search.tap();
    await search.fill(contact.last_name);
    const option = page.getByRole("option", { name: new RegExp(contact.full_name) }).first();
    await expect(option).toBeVisible();
    await option.tap();
    await expect(page.getByRole("heading", { level: 1, name: contact.full_name })).toBeVisible();

    // The number to call is on the first screen or two, above the timeline, and it dials.
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline.getByRole("listitem").or(timeline.getByText("Nothing has happened yet.")).first()).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    const call = page.getByRole("link", { name: phone });
    await expect(call).toHaveAttribute("href", `tel:${phone}`);
    const phoneBox = (await call.boundingBox())!;
    const timelineBox = (await timeline.boundingBox())!;
    expect(phoneBox.y + phoneBox.height).toBeLessThanOrEqual(2 * SCREEN);
    expect(phoneBox.y).toBeLessThan(timelineBox.y);
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "10-phone-contact", false);

    // Log the call from the contact page.
    await page.getByRole("button", { name: "Call", exact: true }).tap();
    await page.getByRole("button", { name: "Save Call" }).tap();
    await expect(page.getByRole("status").filter({ hasText: "Call logged." })).toBeVisible();
    await expect.poll(async () => (await api.get<Contact>(`/contacts/${contact.id}`)).interaction_count).toBe(logged + 1);

    // The board: no dragging on a touch screen; the hint says how to move, Move to + Move does it.
    const pipeline = (await api.get<{ items: Pipeline[] }>("/pipelines")).items.find((p) => p.is_default)!;
    const [first, second] = pipeline.stages.filter((s) => s.kind === "open");
    const deal = await api.post<Deal>("/deals", { title: "E2E phone deal", amount: 90_000, currency: "EUR", stage_id: first!.id });
    await page.getByRole("button", { name: "Menu" }).tap();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deals board" }).tap();
    await expect(page.getByRole("heading", { level: 1, name: "Deals board" })).toBeVisible();
    await expect(page.getByText("To move a deal, choose a stage in its “Move to” list and tap Move.")).toBeVisible();
    await expect(page.getByText(/Drag a deal/)).toHaveCount(0);
    const card = page.getByRole("region", { name: first!.name, exact: true }).locator('[data-deal="E2E phone deal"]');
    await expect(card).toHaveAttribute("draggable", "false");
    await card.getByLabel("Move “E2E phone deal” to").selectOption(second!.id);
    await card.getByRole("button", { name: "Move “E2E phone deal”" }).tap();
    await expect(page.getByRole("region", { name: second!.name, exact: true }).locator('[data-deal="E2E phone deal"]')).toBeVisible();
    expect((await api.get<Deal>(`/deals/${deal.id}`)).stage_id).toBe(second!.id);
    await page.waitForLoadState("networkidle");
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, "11-phone-board", false);
  });
});

test("on a 1366×768 screen the board scrolls in its own region, not the page, and the Lost column is reachable", async ({ page, api }) => {
  const pipeline = (await api.get<{ items: Pipeline[] }>("/pipelines")).items.find((p) => p.is_default)!;
  const lost = pipeline.stages.find((s) => s.kind === "lost")!;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  await page.getByRole("link", { name: "Deals board" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deals board" })).toBeVisible();
  await expect(page.locator("[data-deal]").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBe(widths.client);
  // The hint for a mouse stays.
  await expect(page.getByText(/^Drag a deal to another stage/)).toBeVisible();
  const lostColumn = page.getByRole("region", { name: lost.name, exact: true });
  await lostColumn.scrollIntoViewIfNeeded();
  await expect(lostColumn).toBeInViewport();
  expect(await page.evaluate(() => window.scrollX)).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "12-board-1366", false);
});
