// Browser journeys in Debian's chromium (no browser download): `apt-get install -y chromium`.
import { existsSync } from "node:fs";

import { defineConfig } from "@playwright/test";

const chromium = process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(`No chromium at ${chromium}: run \`apt-get install -y chromium\` (or set CRM_CHROMIUM).`);
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CRM_E2E_JSON ? [["list"], ["json", { outputFile: process.env.CRM_E2E_JSON }]] : "list",
  use: {
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
