// Runs the app's jest suites (components with Testing Library, the sync engine and the
// write queue against a stand-in API) and ends with one plain `N passed, N failed` line,
// the closing line CI counts.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const results = "test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const output = join(results, "jest.json");
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const run = spawnSync(npx, ["jest", "--ci", "--json", `--outputFile=${output}`, ...process.argv.slice(2)], {
  stdio: "inherit",
});

let report = null;
try {
  report = JSON.parse(readFileSync(output, "utf8"));
} catch {
  // jest broke before writing its report
}
const passed = report?.numPassedTests ?? 0;
const failed = report?.numFailedTests ?? 0;
// A suite that failed to load counts no test: report it as one failure, not silence.
const broken = run.status !== 0 && failed === 0;
if (broken) console.error("jest failed before reporting its tests (see above).");
console.log(`${passed} passed, ${failed + (broken ? 1 : 0)} failed`);
process.exit(run.status === 0 ? 0 : 1);
