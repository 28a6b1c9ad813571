// Runs the app's test suites: jest (components with Testing Library, the sync engine and
// the write queue against a stand-in API), then the browser journey (the web export in
// Debian's chromium against a live API with demo data). Ends with one plain
// `N passed, N failed` line, the closing line CI counts. Without chromium the journey is
// skipped, except under CI=true.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const results = "test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
let passed = 0;
let failed = 0;
let broken = false;

// jest
const output = join(results, "jest.json");
const jest = spawnSync(npx, ["jest", "--ci", "--json", `--outputFile=${output}`], { stdio: "inherit" });
let report = null;
try {
  report = JSON.parse(readFileSync(output, "utf8"));
} catch {
  // jest broke before writing its report
}
passed += report?.numPassedTests ?? 0;
failed += report?.numFailedTests ?? 0;
if (jest.status !== 0 && !report?.numFailedTests) broken = true;
console.log(`jest: ${report?.numPassedTests ?? 0} passed, ${report?.numFailedTests ?? 0} failed`);

// The browser journey, on a fresh web export when the sources changed since the last one.
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
const chromium = process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  const built = existsSync("dist/index.html") ? statSync("dist/index.html").mtimeMs : 0;
  const sources = Math.max(newest("src"), statSync("package-lock.json").mtimeMs);
  let exported = true;
  if (built < sources) {
    const env = { ...process.env, EXPO_OFFLINE: "1", EXPO_NO_TELEMETRY: "1", CI: "1" };
    exported = spawnSync(npx, ["expo", "export", "--platform", "web"], { stdio: "inherit", env }).status === 0;
  }
  const journey = exported ? spawnSync("node", ["e2e/journey.mjs"], { encoding: "utf8" }) : null;
  if (journey) process.stdout.write(journey.stdout + journey.stderr);
  const line = /journey: (\d+) passed, (\d+) failed\s*$/.exec(journey?.stdout ?? "");
  if (line) {
    passed += Number(line[1]);
    failed += Number(line[2]);
  }
  if (!line || (journey.status !== 0 && Number(line[2]) === 0)) broken = true;
} else if (process.env.CI === "true") {
  console.error(`No chromium at ${chromium}: CI=true needs the browser journey (apt-get install -y chromium).`);
  broken = true;
} else {
  console.log(`SKIPPED: the browser journey (no chromium at ${chromium}; apt-get install -y chromium)`);
}

// A runner that broke before reporting counts as one failure, never as silence.
if (broken) console.error("A test runner failed before reporting its tests (see above).");
console.log(`${passed} passed, ${failed + (broken ? 1 : 0)} failed`);
process.exit(failed > 0 || broken ? 1 : 0);
