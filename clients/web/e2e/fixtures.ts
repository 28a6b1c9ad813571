// What the journeys share: the live API's address, signing in, screenshots, axe scans.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { type APIRequestContext, expect, type Page, test as base } from "@playwright/test";

import { DEMO_EMAIL, DEMO_PASSWORD } from "./api";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

export const test = base.extend<{ api: Api }>({
  // Set by the global setup, which starts the API on a free port.
  baseURL: async ({}, use) => {
    await use(process.env.CRM_E2E_URL);
  },
  api: async ({ playwright }, use) => {
    const context = await playwright.request.newContext({ baseURL: process.env.CRM_E2E_URL });
    const api = await Api.signIn(context);
    await use(api);
    await context.dispose();
  },
});
export { expect };

/** The API straight, for arranging data and checking what the UI did. */
export class Api {
  private constructor(
    readonly context: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(context: APIRequestContext, email = DEMO_EMAIL): Promise<Api> {
    const response = await context.post("/api/v1/auth/token", { form: { username: email, password: DEMO_PASSWORD } });
    expect(response.ok(), await response.text()).toBeTruthy();
    return new Api(context, (await response.json()).access_token as string);
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.context.get(`/api/v1${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    expect(response.ok(), await response.text()).toBeTruthy();
    return (await response.json()) as T;
  }

  async post<T>(path: string, data: unknown): Promise<T> {
    const response = await this.context.post(`/api/v1${path}`, { data, headers: { Authorization: `Bearer ${this.token}` } });
    expect(response.ok(), await response.text()).toBeTruthy();
    return (await response.json()) as T;
  }
}

export async function signIn(page: Page, email = DEMO_EMAIL): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage });
}

let axeScript: string | null = null;
function axeSource(): string {
  axeScript ??= readFileSync(AXE, "utf8");
  return axeScript;
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, which the app's Content Security
  // Policy does not govern: a script tag added to the page would be refused, as it should.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}
