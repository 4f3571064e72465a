// npm start: build if needed, open the database (PostgreSQL when DATABASE_URL is set,
// embedded PGlite otherwise), migrate, import the demo contract, then listen — in this
// process, or in WEB_CONCURRENCY worker processes.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { migrateToLatest, openDatabase } from "../db/index.server.js";
import { ensureDemoAccounts, ensureDemoConsultations, ensureDemoData } from "../db/seed/demo.js";
import { createApp } from "./app.js";
import { createLogger } from "./logger.js";
import { resolvePublicUrl } from "./public-url.js";
import { startupDatabaseProblem } from "../db/unavailable.js";

const startedAt = performance.now();
const logger = createLogger();
const resolved = resolvePublicUrl(process.env);
if (!resolved.ok) {
  console.error(resolved.error);
  process.exit(1);
}
if (resolved.warning && cluster.isPrimary) console.warn(`Warning: ${resolved.warning}`);
const publicUrl = resolved.url;
const buildFile = path.resolve("build/index.js");
// WEB_CONCURRENCY=N (N > 1, PostgreSQL only): the first process builds, migrates and seeds,
// then N worker processes share the port. PGlite is one process's file: always one process.
const workers = process.env.DATABASE_URL ? Math.max(1, Math.min(64, Number(process.env.WEB_CONCURRENCY ?? 1) || 1)) : 1;

let preparedDatabase: Awaited<ReturnType<typeof openDatabase>> | undefined;
if (cluster.isPrimary) preparedDatabase = await prepare();
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers) console.log(`Parlons Quartier listening on http://localhost:${process.env.PORT ?? 3000} (${workers} processes, ready in ${Math.round(performance.now() - startedAt)} ms)`);
  });
  cluster.on("exit", (worker, code) => {
    if (code !== 0) logger.error({ pid: worker.process.pid, code }, "a server process stopped");
  });
  const stopAll = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
} else {
  await serve();
}

/** Build if needed, migrate, and load the demo: once, before any process listens. */
async function prepare() {
  if (!existsSync(buildFile)) {
    logger.info("no build found: running remix build");
    const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: "inherit" });
    if (result.status !== 0) {
      logger.fatal("remix build failed");
      process.exit(1);
    }
  }

  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
  console.log(`Database: ${database.description}`);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    // A database out of reach is one line that says what to fix, not a stack trace.
    const problem = startupDatabaseProblem(error, database.description);
    if (!problem) throw error;
    console.error(problem);
    await database.close().catch(() => {});
    process.exit(1);
  }
  if (process.env.DEMO_DATA !== "off") {
    const demo = await ensureDemoData(database.db);
    if (demo.imported) logger.info({ contract: demo.contractCode }, "demo contract imported");
    const accounts = await ensureDemoAccounts(database.db);
    if (accounts) logger.info({ accounts }, "demo accounts created");
    const consultations = await ensureDemoConsultations(database.db);
    if (consultations) logger.info({ consultations }, "demo consultations created");
  }
  if (workers === 1) return database;
  await database.close();
  return undefined;
}

/** Open the database and listen (in each worker, or in the only process). */
async function serve() {
  const database = cluster.isPrimary ? preparedDatabase! : await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
  const app = createApp({
    database,
    build,
    logger,
    trustProxy: process.env.TRUST_PROXY === "1" || process.env.TRUST_PROXY === "true",
    cookieSecure: process.env.COOKIE_SECURE === "1",
    publicUrl,
  });

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = app.listen(port, host, () => {
    const ms = Math.round(performance.now() - startedAt);
    console.log(`Parlons Quartier listening on http://localhost:${port} (ready in ${ms} ms)`);
  });

  const shutdown = () => {
    server.close(() => void database.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
