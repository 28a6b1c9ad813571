// Runs the web app's test suites: Vitest (components, jsdom), then Playwright (journeys in
// Debian's chromium against a live API). Ends with one plain `N passed, N failed` line, the
// closing line CI counts. Without chromium the journeys are skipped, except under CI=true.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const results = join("e2e", ".results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
let passed = 0;
let failed = 0;
let broken = false;

function run(args, env = {}) {
  const result = spawnSync(npx, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

// Vitest
const vitestJson = join(results, "vitest.json");
const vitestOk = run(["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) broken = true;
console.log(`Vitest: ${vitest?.numPassedTests ?? 0} passed, ${vitest?.numFailedTests ?? 0} failed`);

// Playwright
const chromium = process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const playwrightJson = join(results, "playwright.json");
  const playwrightOk = run(["playwright", "test"], { CRM_E2E_JSON: playwrightJson });
  const report = readJson(playwrightJson);
  const stats = report?.stats ?? {};
  const ok = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const bad = stats.unexpected ?? 0;
  passed += ok;
  failed += bad;
  if (!playwrightOk && bad === 0) broken = true;
  console.log(`Playwright: ${ok} passed, ${bad} failed`);
} else if (process.env.CI === "true") {
  console.error(`No chromium at ${chromium}: CI=true needs the browser tests (apt-get install -y chromium).`);
  broken = true;
} else {
  console.log(`SKIPPED: the browser journeys (no chromium at ${chromium}; apt-get install -y chromium)`);
}

if (broken) console.error("A test runner failed before reporting its tests (see above).");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
