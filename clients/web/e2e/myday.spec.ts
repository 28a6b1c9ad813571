// My day as a rep starts the day with it, checked through the API afterwards.
import { axeViolations, expect, screenshot, signIn, test } from "./fixtures";

interface Named {
  id: string;
  name: string;
}
interface Task {
  id: string;
  title: string;
  due_at: string;
  contact_id: string | null;
  status: string;
}
interface Interaction {
  id: string;
  status: string;
  outcome: string | null;
}
interface AgendaItem {
  task: Task | null;
  contact: Named | null;
}

// The browser's time zone (playwright.config.ts): what "Today" means on the page.
const ZONE = "Europe/Berlin";

/** `ahead` from now, or less where that would fall into tomorrow in ZONE: a call planned
 * for later today stays today's whenever the journey runs, even just before midnight. */
function laterToday(ahead: number): Date {
  const now = Date.now();
  const dayOf = (at: number) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(at);
  let at = now + ahead;
  while (at > now + 5_000 && dayOf(at) !== dayOf(now)) at -= 60_000;
  return new Date(Math.max(at, now + 5_000));
}

test("a rep's morning: add a task, snooze one, complete a call with an outcome", async ({ page, api }) => {
  const tag = Date.now().toString(36);
  const company = await api.post<Named>("/companies", { name: `Morning Mills ${tag}` });
  const contact = await api.post<{ id: string; full_name: string }>("/contacts", {
    first_name: "Maren",
    last_name: `Morning${tag}`,
    company_id: company.id,
  });
  const soon = laterToday(20 * 60_000).toISOString();
  const call = await api.post<Interaction>("/interactions", {
    channel: "call",
    status: "planned",
    subject: `Call about the spring order ${tag}`,
    contact_id: contact.id,
    scheduled_at: soon,
  });

  await signIn(page);
  await page.getByRole("link", { name: "My day" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My day" })).toBeVisible();
  const today = page.getByRole("region", { name: /^Today/ });
  const callRow = today.getByRole("listitem").filter({ hasText: `Call about the spring order ${tag}` });
  // The planned call names whom it is about, and the contact's company.
  await expect(callRow.getByRole("link", { name: contact.full_name })).toHaveAttribute("href", `/contacts/${contact.id}`);
  await expect(callRow.getByRole("link", { name: company.name })).toBeVisible();

  // Add a task for the contact, found by typing part of the name.
  await page.getByRole("button", { name: "Add task" }).click();
  const dialog = page.getByRole("dialog", { name: "Add task" });
  const title = `Send the price list ${tag}`;
  await dialog.getByLabel(/^Title/).fill(title);
  await dialog.getByRole("combobox", { name: "Contact (optional)" }).fill(`Morning${tag}`);
  await dialog.getByRole("option", { name: new RegExp(contact.full_name) }).click();
  await dialog.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Task added." })).toBeVisible();
  const taskRow = page.getByRole("listitem").filter({ hasText: title });
  await expect(taskRow.getByRole("link", { name: contact.full_name })).toBeVisible();

  const window = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 9 * 86_400_000).toISOString())}`;
  const added = (await api.get<{ items: AgendaItem[] }>(`/me/agenda?${window}`)).items.find((i) => i.task?.title === title);
  expect(added?.task?.contact_id).toBe(contact.id);
  expect(added?.contact?.name).toBe(contact.full_name);

  // Snooze it to tomorrow morning (9:00 in the browser's time zone).
  await taskRow.getByText("Snooze or reschedule").click();
  await taskRow.getByRole("button", { name: "Tomorrow morning" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${title}: moved to` })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Tomorrow/ }).getByRole("listitem").filter({ hasText: title })).toBeVisible();
  const expected = await page.evaluate(() => {
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() + 1);
    day.setHours(9);
    return day.toISOString();
  });
  const snoozed = await api.get<Task>(`/tasks/${added!.task!.id}`);
  expect(new Date(snoozed.due_at).toISOString()).toBe(expected);

  // Complete the call: Done waits for an outcome and says so.
  const done = callRow.getByRole("button", { name: "Done" });
  await expect(done).toBeDisabled();
  await expect(done).toHaveAccessibleDescription(/Choose an outcome first/);
  await screenshot(page, "10-my-day");
  expect(await axeViolations(page)).toEqual([]);
  await callRow.getByLabel(/^Outcome/).selectOption("interested");
  await done.click();
  await expect(page.getByRole("listitem").filter({ hasText: `Call about the spring order ${tag}` })).toHaveCount(0);
  const completed = await api.get<Interaction>(`/interactions/${call.id}`);
  expect([completed.status, completed.outcome]).toEqual(["done", "interested"]);

  // With a snooze menu open, the page still passes the scan.
  await page.getByRole("listitem").filter({ hasText: title }).getByText("Snooze or reschedule").click();
  expect(await axeViolations(page)).toEqual([]);
});
