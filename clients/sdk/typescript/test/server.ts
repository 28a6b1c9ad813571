// Starts the real API for the SDK tests: a fresh SQLite file, migrated, with a first
// Owner, served by uvicorn (`crm serve --no-with-worker`) on a free port of 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface LiveApi {
  baseUrl: string;
  email: string;
  password: string;
  stop(): Promise<void>;
}

// dist-test/test/server.js -> the repository root, five levels up.
const REPO = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../../..");

function python(): string {
  const fromEnv = process.env.CRM_PYTHON;
  if (fromEnv) return fromEnv;
  const venv = join(REPO, ".venv", "bin", "python");
  if (!existsSync(venv)) {
    throw new Error(`No Python at ${venv}: run \`make install\` at the repository root first`);
  }
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

function exited(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok();
    else child.once("exit", () => ok());
  });
}

export async function startApi(): Promise<LiveApi> {
  const dir = mkdtempSync(join(tmpdir(), "crm-ts-sdk-"));
  const port = await freePort();
  const email = "owner@sdk.example";
  const password = "correct horse battery staple";
  const child = spawn(python(), ["-m", "api.cli", "serve", "--no-with-worker"], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite+aiosqlite:///${join(dir, "crm.db")}`,
      HOST: "127.0.0.1",
      PORT: String(port),
      CRM_JWT_SECRET: randomBytes(32).toString("hex"),
      CRM_BOOTSTRAP_OWNER_EMAIL: email,
      CRM_BOOTSTRAP_OWNER_PASSWORD: password,
      CRM_LOG_LEVEL: "WARNING",
      PYTHONPATH: REPO,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never leave the server behind, even when the test run is interrupted.
  const killOnExit = (): void => void child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
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
      if (response.ok) return { baseUrl, email, password, stop };
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  await stop();
  throw new Error(`The API did not become ready within 60 s:\n${output}`);
}
