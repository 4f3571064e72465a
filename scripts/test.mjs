#!/usr/bin/env node
// npm test: type-check, then every *.test.ts with node:test, then the Playwright e2e in
// Debian's Chromium. All of it runs against PostgreSQL, in databases this run creates and drops.
//   --unit  only the node:test part      --e2e  only the browser part
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const args = new Set(dash === -1 ? argv : argv.slice(0, dash));
// Anything after "--" goes to Playwright (e.g. -- -g "phone fr").
const playwrightArgs = dash === -1 ? [] : argv.slice(dash + 1);
const runUnit = !args.has("--e2e");
const runE2e = !args.has("--unit");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const serverUrl = (() => {
  const u = new URL(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  u.pathname = "/postgres";
  return u.toString();
})();
const runId = `pq_t_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
const env = { ...process.env, PQ_TEST_SERVER_URL: serverUrl, PQ_TEST_PREFIX: runId, NODE_ENV: "test" };
delete env.DATABASE_URL;

function fail(message) {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

async function admin(sqlText) {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(sqlText);
  } finally {
    await client.end();
  }
}

// Preflight: stop within seconds, saying what to install.
try {
  await admin("select 1");
} catch (error) {
  fail(
    `PostgreSQL is not reachable at ${serverUrl.replace(/\/\/[^@]*@/, "//")} (${error.code ?? error.message}).\n` +
      `  Install it: apt-get install -y postgresql, then start it:\n` +
      `  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n` +
      `  or set DATABASE_URL to a server where this user may create databases.`,
  );
}
if (runE2e && !existsSync(chromium)) fail(`Chromium is missing at ${chromium}. Install Debian's: apt-get install -y chromium (or set CHROMIUM_PATH).`);

function run(cmd, cmdArgs, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: "inherit", env: { ...env, ...extraEnv } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function findTests(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "build") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith(".test.ts")) out.push(path.relative(root, full));
  }
  return out.sort();
}

async function dropRunDatabases() {
  const { rows } = await admin(`select datname from pg_database where datname like '${runId}%'`);
  for (const r of rows) await admin(`drop database if exists "${r.datname}" with (force)`);
}

let status = 0;
const node = process.execPath;
const bin = (name) => path.join(root, "node_modules", ".bin", name);
try {
  console.log("▶ tsc --noEmit");
  if ((await run(bin("tsc"), ["--noEmit"])) !== 0) fail("type-check failed");

  console.log("▶ remix build");
  if ((await run(bin("remix"), ["build"], { NODE_ENV: "production" })) !== 0) fail("remix build failed");

  const template = `${runId}_tpl`;
  console.log(`▶ template database ${template}`);
  await admin(`create database "${template}"`);
  const u = new URL(serverUrl);
  u.pathname = `/${template}`;
  if ((await run(node, ["--import", "tsx", "db/migrate.ts"], { DATABASE_URL: u.toString() })) !== 0) fail("migrations failed");

  if (runUnit) {
    const files = findTests(root);
    console.log(`▶ node --test (${files.length} files)`);
    const code = await run(node, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], { PQ_TEST_TEMPLATE: template });
    if (code !== 0) status = 1;
  }

  if (runE2e) {
    const e2eDb = `${runId}_e2e`;
    await admin(`create database "${e2eDb}" template "${template}"`);
    const e = new URL(serverUrl);
    e.pathname = `/${e2eDb}`;
    console.log("▶ playwright (Debian chromium)");
    const report = path.join(root, ".tmp", "playwright-report.json");
    rmSync(report, { force: true });
    const port = await new Promise((resolve) => {
      const srv = net.createServer().listen(0, "127.0.0.1", () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
    const code = await run(bin("playwright"), ["test", ...playwrightArgs], {
      E2E_PORT: String(port),
      E2E_DATABASE_URL: e.toString(),
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      CHROMIUM_PATH: chromium,
    });
    if (code !== 0) status = 1;
    if (existsSync(report)) {
      const stats = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
      const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
      const failed = stats.unexpected ?? 0;
      const skipped = stats.skipped ?? 0;
      console.log(`\nbrowser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    } else {
      console.log("\nbrowser: 0 passed, 1 failed, 0 skipped");
      status = 1;
    }
  }
} finally {
  await dropRunDatabases().catch((error) => console.error("could not drop test databases:", error.message));
}
process.exit(status);
