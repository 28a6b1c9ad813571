// The web export (dist/, `npm run export:web`) in headless Chromium against a live API with
// the demo data: a Salesperson signs in (first sync), goes offline, logs a call, creates a
// contact and logs a meeting on it, comes back online, and each reaches the API exactly
// once (the call on the contact's timeline, the meeting on the new contact's); the local database
// survives a reload; a contact archived on the server vanishes after the next sync; a deal
// moved to a lost stage shows the API's field problem (no reason), then reaches the API
// with the reason typed on the item; My day shows a planned meeting.
// Prints `journey: N passed, N failed` last (scripts/test.mjs adds it up). Needs /usr/bin/chromium (or CRM_CHROMIUM).
import { existsSync } from "node:fs";

import { chromium } from "playwright-core";

import { DEMO_PASSWORD, startApi, startWeb } from "./live.mjs";

const SELLER = "salesperson.north@demo.example";
const MANAGER = "full.access.north@demo.example";
const executablePath = process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync("dist/index.html")) throw new Error("dist/ is missing: run `npm run export:web` first");

async function token(api, email) {
  const body = new URLSearchParams({ username: email, password: DEMO_PASSWORD, grant_type: "password" });
  const answer = await fetch(`${api.baseUrl}/api/v1/auth/token`, { method: "POST", body });
  if (!answer.ok) throw new Error(`sign-in of ${email}: ${answer.status}`);
  return (await answer.json()).access_token;
}

async function get(api, bearer, path) {
  const answer = await fetch(`${api.baseUrl}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
  if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

const results = [];
async function journey(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push(true);
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push(false);
    console.log(`  ✕ ${name}\n${error?.stack ?? error}`);
  }
}

const api = await startApi();
const web = await startWeb("dist", api.port);
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const seller = await token(api, SELLER);
  const contacts = (await get(api, seller, "/api/v1/contacts?limit=200&sort=name")).items;
  const outcomes = (await get(api, seller, "/api/v1/interaction-outcomes")).items.filter((o) => o.active);
  const target = contacts[0];
  const stamp = Date.now();
  const note = `Visited on foot, no signal ${stamp}`;

  await journey("offline, a call and a new contact with a meeting are queued; online again, each reaches the API once", async () => {
    await page.goto(web.url);
    await page.getByLabel("E-mail").fill(SELLER);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(/^Last synced /).waitFor();
    await page.getByLabel("Search").fill(target.full_name);
    await page.getByRole("button", { name: `Open ${target.full_name}` }).click();

    await context.setOffline(true);
    await page.getByRole("button", { name: "Log what just happened" }).click();
    if (outcomes[0]) await page.getByRole("button", { name: outcomes[0].label, exact: true }).click();
    await page.getByLabel("Notes").fill(note);
    await page.getByRole("button", { name: "Save Call" }).click();
    await page.getByText("Pending").waitFor();
    await page.getByText(/^Offline/).waitFor();

    // Still offline: a new contact, and a meeting logged on it at once.
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: "New contact" }).click();
    await page.getByLabel("First name").fill("Nia");
    await page.getByLabel("Last name").fill(`Fieldwork${stamp}`);
    await page.getByLabel("Phone").fill("+33 1 23 45 67 89");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(`New contact · Nia Fieldwork${stamp}`).waitFor();
    await page.getByRole("button", { name: "Log what just happened" }).click();
    await page.getByRole("button", { name: "Meeting", exact: true }).click();
    await page.getByLabel("Notes").fill(`${note} (new contact)`);
    await page.getByRole("button", { name: "Save Meeting" }).click();
    await page.getByText("2 changes waiting").or(page.getByText("Pending").first()).first().waitFor();

    await context.setOffline(false);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText("Pending").first().waitFor({ state: "detached" });
    const timeline = await get(api, seller, `/api/v1/contacts/${target.id}/timeline?limit=100`);
    const mine = timeline.items.filter((item) => item.type === "interaction" && item.interaction.body === note);
    if (mine.length !== 1) throw new Error(`expected the call once on the timeline, found ${mine.length}`);
    if (outcomes[0] && mine[0].interaction.outcome !== outcomes[0].key) throw new Error("the outcome did not arrive");
    const found = (await get(api, seller, `/api/v1/contacts?q=Fieldwork${stamp}`)).items;
    if (found.length !== 1) throw new Error(`expected the new contact once, found ${found.length}`);
    const itsTimeline = await get(api, seller, `/api/v1/contacts/${found[0].id}/timeline?limit=100`);
    const meetings = itsTimeline.items.filter((item) => item.type === "interaction" && item.interaction.channel === "meeting");
    if (meetings.length !== 1 || meetings[0].interaction.body !== `${note} (new contact)`) {
      throw new Error(`expected the meeting once on the new contact's timeline, found ${meetings.length}`);
    }
  });

  await journey("the local database survives a reload; an archived contact vanishes after the next sync", async () => {
    // Online, whatever the journey before left.
    await context.setOffline(false);
    await page.reload();
    const gone = contacts.find((c) => !contacts.some((other) => other !== c && other.full_name.includes(c.full_name)));
    await page.getByLabel("Search").fill(gone.full_name);
    await page.getByRole("button", { name: `Open ${gone.full_name}` }).waitFor();
    const manager = await token(api, MANAGER);
    const answer = await fetch(`${api.baseUrl}/api/v1/contacts/${gone.id}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${manager}` },
    });
    if (!answer.ok) throw new Error(`archive: ${answer.status} ${await answer.text()}`);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByRole("button", { name: `Open ${gone.full_name}` }).waitFor({ state: "detached" });
    await page.getByText("No contacts match.").waitFor();
  });
  await journey("my deals by stage: a move to a lost stage needs the reason the API asks for; My day shows planned meetings", async () => {
    await context.setOffline(false);
    const me = await get(api, seller, "/api/v1/auth/me");
    const pipelines = (await get(api, seller, "/api/v1/pipelines")).items;
    const deals = (await get(api, seller, `/api/v1/deals?owner_id=${me.id}&status=open&limit=200`)).items;
    const deal = deals.find((d) => deals.filter((other) => other.title === d.title).length === 1);
    if (!deal) throw new Error("no open deal of the salesperson in the demo data");
    const lost = pipelines.find((p) => p.id === deal.pipeline_id).stages.find((stage) => stage.kind === "lost");
    await page.getByRole("button", { name: "My deals" }).click();
    await page.getByRole("button", { name: `Move “${deal.title}” to another stage` }).click();
    await page.getByRole("button", { name: `Move “${deal.title}” to ${lost.name}` }).click();
    await page.getByText(/^Not accepted: /).waitFor();
    await page.getByLabel(/^lost_reason \(/).fill(`No budget ${stamp}`);
    await page.getByRole("button", { name: "Correct and send again" }).click();
    await page.getByText(/^Not accepted: /).waitFor({ state: "detached" });
    await page.getByRole("button", { name: `Move “${deal.title}” to another stage` }).waitFor();
    const moved = await get(api, seller, `/api/v1/deals/${deal.id}`);
    if (moved.stage_id !== lost.id || moved.lost_reason !== `No budget ${stamp}` || moved.version !== deal.version + 1) {
      throw new Error(`the move did not arrive once: ${JSON.stringify({ stage: moved.stage_id, reason: moved.lost_reason, version: moved.version })}`);
    }

    const planned = (await get(api, seller, `/api/v1/interactions?status=planned&owner_id=${me.id}&limit=1`)).items;
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await page.getByRole("button", { name: "My day" }).click();
    if (!planned[0]) throw new Error("no planned interaction of the salesperson in the demo data");
    const kind = { call: "Call", meeting: "Meeting" }[planned[0].channel] ?? planned[0].channel;
    await page.getByText(`${kind}: ${planned[0].subject}`).first().waitFor();
    await page.getByRole("button", { name: "Back", exact: true }).click();
  });
  await context.close();
} finally {
  await browser.close();
  await web.stop();
  await api.stop();
}
const passed = results.filter(Boolean).length;
console.log(`journey: ${passed} passed, ${results.length - passed} failed`);
process.exit(results.every(Boolean) ? 0 : 1);
