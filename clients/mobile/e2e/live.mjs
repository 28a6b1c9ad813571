// Starts the real API for the browser journey: a throwaway SQLite file with the demo data
// (`crm seed-demo`), served by uvicorn from the repository's .venv on a free port (as
// clients/web/e2e/api.ts does), and a small static server for the web export (dist/) that
// passes /api/ on to the API, so the app talks to its own origin (no CORS).
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { createServer as netServer } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const REPO = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
export const DEMO_PASSWORD = "demo-password-2026";

function python() {
  const venv = process.env.CRM_PYTHON ?? join(REPO, ".venv", "bin", "python");
  if (!existsSync(venv)) throw new Error(`No Python at ${venv}: run \`make install\` at the repository root first`);
  return venv;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = netServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** `extra`: more environment for the API (e.g. a rate limit). */
export async function startApi(extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), "crm-mobile-e2e-"));
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite+aiosqlite:///${join(dir, "crm.db")}`,
    HOST: "127.0.0.1",
    PORT: String(port),
    CRM_JWT_SECRET: randomBytes(32).toString("hex"),
    CRM_LOG_LEVEL: "WARNING",
    CRM_RATE_LIMIT_ANONYMOUS: "10000/minute",
    PYTHONPATH: REPO,
    ...extra,
  };
  await promisify(execFile)(python(), ["-m", "api.cli", "seed-demo"], { cwd: dir, env });
  // In a process group of its own, so the worker `crm serve` starts stops with it.
  const child = spawn(python(), ["-m", "api.cli", "serve"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => signal("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once("exit", ok));
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    signal("SIGTERM");
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
      if ((await fetch(`${baseUrl}/readyz`)).ok) return { baseUrl, port, stop };
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  await stop();
  throw new Error(`The API did not become ready within 60 s:\n${output}`);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Serves `dist` and passes /api/ to the API on `apiPort`. */
export async function startWeb(dist, apiPort) {
  const root = resolve(dist);
  const server = createServer((req, res) => {
    if (req.url.startsWith("/api/")) {
      const upstream = httpRequest(
        { host: "127.0.0.1", port: apiPort, path: req.url, method: req.method, headers: { ...req.headers, host: `127.0.0.1:${apiPort}` } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    let file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, "index.html");
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((ok) => server.close(ok)) };
}
