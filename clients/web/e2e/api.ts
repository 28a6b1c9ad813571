// Starts the real API for the browser journeys: a throwaway SQLite file with the demo data
// (`crm seed-demo`, plus an Owner), served by uvicorn from the repository's .venv on a free
// port, with the built web app (clients/web/dist) at `/`.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const REPO = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
export const DEMO_PASSWORD = "demo-password-2026";
/** Full access (rank 90, every permission, all records): sees every screen. */
export const DEMO_EMAIL = "full.access.north@demo.example";
/** The Owner (rank 100), which the demo data leaves out: added by `crm create-user`. */
export const OWNER_EMAIL = "owner.north@demo.example";

function python(): string {
  const venv = process.env.CRM_PYTHON ?? join(REPO, ".venv", "bin", "python");
  if (!existsSync(venv)) throw new Error(`No Python at ${venv}: run \`make install\` at the repository root first`);
  return venv;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface LiveApi {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startApi(): Promise<LiveApi> {
  if (!existsSync(join(REPO, "clients", "web", "dist", "index.html"))) {
    throw new Error("clients/web/dist is missing: run `npm run build` (or `make web`) first");
  }
  const dir = mkdtempSync(join(tmpdir(), "crm-web-e2e-"));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite+aiosqlite:///${join(dir, "crm.db")}`,
    HOST: "127.0.0.1",
    PORT: String(port),
    CRM_JWT_SECRET: randomBytes(32).toString("hex"),
    CRM_LOG_LEVEL: "WARNING",
    CRM_WEB_DIR: join(REPO, "clients", "web", "dist"),
    // Every journey signs in again from this one address, dozens a minute.
    CRM_RATE_LIMIT_ANONYMOUS: "10000/minute",
    // The webhook journey's receiver listens on this machine, over plain http.
    CRM_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    CRM_WEBHOOK_ALLOW_HTTP: "true",
    PYTHONPATH: REPO,
  };
  await promisify(execFile)(python(), ["-m", "api.cli", "seed-demo"], { cwd: dir, env });
  await promisify(execFile)(
    python(),
    ["-m", "api.cli", "create-user", "--email", OWNER_EMAIL, "--full-name", "Owner North", "--role", "owner", "--password", DEMO_PASSWORD, "--team", "North"],
    { cwd: dir, env },
  );
  // With the background worker (the import journey needs it), in a process group of its
  // own: on SIGTERM uvicorn re-raises the signal and `crm serve` exits without stopping
  // its worker, so the whole group is signalled.
  const child: ChildProcess = spawn(python(), ["-m", "api.cli", "serve"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const killOnExit = (): void => signal("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once("exit", ok));
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    signal("SIGTERM"); // the worker, should it outlive the server
    rmSync(dir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The API exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  await stop();
  throw new Error(`The API did not become ready within 60 s:\n${output}`);
}
