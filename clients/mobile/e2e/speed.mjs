// Times the web export against a live API with 5,000 more contacts than the demo data:
// the first sync (sign-in to "Last synced"), then search as you type (each keystroke to the
// list showing the expected contact, Playwright's round trip included). Not part of
// `make test`; prints the numbers. Needs dist/ (`npm run export:web`) and chromium.
import { existsSync } from "node:fs";

import { chromium } from "playwright-core";

import { DEMO_PASSWORD, startApi, startWeb } from "./live.mjs";

const COUNT = Number(process.env.CRM_SPEED_CONTACTS ?? 5000);
const USER = "full.access.north@demo.example";
if (!existsSync("dist/index.html")) throw new Error("dist/ is missing: run `npm run export:web` first");

const api = await startApi({ CRM_RATE_LIMIT_USER: "100000/minute" });
const web = await startWeb("dist", api.port);
const browser = await chromium.launch({
  executablePath: process.env.CRM_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const body = new URLSearchParams({ username: USER, password: DEMO_PASSWORD, grant_type: "password" });
  const token = (await (await fetch(`${api.baseUrl}/api/v1/auth/token`, { method: "POST", body })).json()).access_token;
  let started = Date.now();
  const names = ["Ada", "Boris", "Chen", "Dora", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jana"];
  for (let i = 0; i < COUNT; i += 100) {
    const items = [];
    for (let j = i; j < Math.min(i + 100, COUNT); j++) {
      items.push({
        first_name: names[j % names.length],
        last_name: `Speedtest${String(j).padStart(5, "0")}`,
        emails: [{ email: `speed${j}@example.com`, primary: true }],
        phones: [{ phone: `+4930${String(1000000 + j)}`, primary: true }],
        city: j % 2 ? "Berlin" : "Lyon",
      });
    }
    const answer = await fetch(`${api.baseUrl}/api/v1/contacts/batch`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ items }),
    });
    if (!answer.ok) throw new Error(`batch ${i}: ${answer.status} ${await answer.text()}`);
  }
  console.log(`seeded ${COUNT} contacts in ${Date.now() - started} ms`);

  const page = await browser.newPage({ locale: "en-US" });
  page.setDefaultTimeout(120_000);
  await page.goto(web.url);
  await page.getByLabel("E-mail").fill(USER);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  started = Date.now();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(/^Last synced /).waitFor();
  console.log(`first sync (contacts, companies, tasks, deals, requests, planned interactions): ${Date.now() - started} ms`);

  // Each keystroke timed inside the page, from the input event to the list's first change
  // (the answer painted; a MutationObserver), so no Playwright round trip is counted.
  const last = `Speedtest${String(COUNT - 1).padStart(5, "0")}`;
  const times = await page.evaluate(async (word) => {
    const input = document.querySelector("input[aria-label='Search']");
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    const result = [];
    for (let n = 1; n <= word.length; n++) {
      const changed = await new Promise((done) => {
        let firstChange = null;
        let quiet;
        const observer = new MutationObserver(() => {
          // Setting the input's value mutates no node: the first mutation is the new list.
          if (firstChange === null) firstChange = performance.now();
          clearTimeout(quiet);
          quiet = setTimeout(finish, 300);
        });
        const finish = () => {
          observer.disconnect();
          done(firstChange === null ? null : firstChange - t0);
        };
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const t0 = performance.now();
        setValue.call(input, word.slice(0, n));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        quiet = setTimeout(finish, 300);
      });
      result.push(changed);
    }
    return result;
  }, last.toLowerCase());
  await page.getByRole("button", { name: new RegExp(`Open .*${last}$`) }).waitFor();
  const measured = times.filter((t) => t !== null).sort((a, b) => a - b);
  console.log(`search as you type over ${COUNT}+ contacts, per keystroke (ms): ${times.map((t) => (t === null ? "-" : Math.round(t))).join(" ")}`);
  console.log(`median ${Math.round(measured[measured.length >> 1])} ms, max ${Math.round(measured[measured.length - 1])} ms`);
} finally {
  await browser.close();
  await web.stop();
  await api.stop();
}
