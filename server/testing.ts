// Starts the real server (`node --import tsx server/index.ts`) on a free port for a test,
// and stops it afterwards. Its output is kept for assertions on logs.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { after, before } from "node:test";
import { createTestDatabase, type TestDatabase } from "../db/testing.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningServer {
  url: string;
  /** The server's process id (with WEB_CONCURRENCY > 1, the primary of its workers). */
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string | undefined>, timeoutMs = 90_000): Promise<RunningServer> {
  const port = await freePort();
  const childEnv = {} as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries({ ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", PUBLIC_URL: `http://127.0.0.1:${port}`, ...env, PORT: String(port) }))
    if (v !== undefined) childEnv[k] = v;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

/** For one test file: a migrated test database, the real server on it, both gone at the end. */
export function serverOnTestDatabase(env: Record<string, string | undefined> = {}): { t: TestDatabase; server: RunningServer } {
  const ctx = {} as { t: TestDatabase; server: RunningServer };
  before(async () => {
    ctx.t = await createTestDatabase();
    ctx.server = await startServer({ DATABASE_URL: ctx.t.url, ...env });
  });
  after(async () => {
    await ctx.server?.stop();
    await ctx.t?.drop();
  });
  return ctx;
}
