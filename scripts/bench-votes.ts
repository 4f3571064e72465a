// npm run bench:votes — answers per second through the real answer route, latency at a fixed
// rate, and the results page with 1,000 and with 1,000,000 responses. Needs DATABASE_URL (a
// PostgreSQL server): it creates a database of its own there, migrates and seeds it, runs,
// and drops it at the end. Prints a report and one BENCH line per figure.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { migrateToLatest, openDatabase } from "../db/index.server.js";
import { ensureDemoAccounts, ensureDemoData } from "../db/seed/demo.js";
import { loadViewer } from "../app/auth/guard.server.js";
import { createSession } from "../app/auth/session.server.js";
import { compareWithRecount } from "../app/domain/consultations/counters.server.js";
import { addQuestion, createConsultation, publishConsultation, questionShapes } from "../app/domain/consultations/mutations.server.js";
import { QUESTIONS_FIELD, questionsSignature } from "../app/domain/consultations/rules.js";
import { ballotPlaces } from "../app/domain/consultations/paper.server.js";
import { startServer, type RunningServer } from "../server/testing.js";

const CONCURRENCY = 64;
/**
 * Server processes (WEB_CONCURRENCY), 1 as the server's own default: on a 2-core machine that
 * also runs PostgreSQL and the load, one Node process serves more answers than two (measured
 * in docs/benchmarks.md).
 */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const MAX_ANSWERS = Number(process.env.BENCH_MAX_ANSWERS ?? 12_000);
const RATE = 500;
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 12);
const WARM_UP = 200;
const GETS = 21;
const BIG = Number(process.env.BENCH_BIG ?? 1_000_000);

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value, unit })}`);
const log = (line: string) => console.log(line);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

const base = process.env.DATABASE_URL;
if (!base) {
  console.error("bench:votes needs DATABASE_URL, a PostgreSQL server it can create a database on (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
  process.exit(2);
}
const name = `pq_bench_${randomBytes(4).toString("hex")}`;
const admin = async (text: string) => {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};
const url = (() => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
})();

type DB = Kysely<Database>;

/** A published, live consultation for every QPV of Calais: one single choice, one scale. */
async function squareConsultation(db: DB, title: string) {
  const staffId = (await db.selectFrom("account").select("id").where("identifier", "=", "agent-calais").executeTakeFirstOrThrow()).id;
  const staff = (await loadViewer(db, { id: "bench", accountId: staffId, persistent: true }))!;
  const epci = (await db.selectFrom("territory").select("id").where("code", "=", "ca-grand-calais-terres-et-mers").where("kind", "=", "epci").executeTakeFirstOrThrow()).id;
  const qpvs = await db.selectFrom("territory").select("id").where("epci_code", "=", "ca-grand-calais-terres-et-mers").where("kind", "=", "qpv").execute();
  const c = await createConsultation(db, staff, { epciId: epci, title, opensAt: new Date(Date.now() - 60_000), closesAt: new Date(Date.now() + 86_400_000), scopeTerritoryIds: qpvs.map((q) => q.id), resultsVisibility: "live" });
  if (!c.ok) throw new Error(c.error);
  const id = c.value.consultationId;
  const single = await addQuestion(db, staff, id, { kind: "single", prompt: "Que faut-il d'abord au quartier ?", options: [{ label: "Des bancs" }, { label: "Des jeux" }, { label: "De l'ombre" }] });
  const scale = await addQuestion(db, staff, id, { kind: "scale", prompt: "Le quartier vous plaît-il ?" });
  if (!single.ok || !scale.ok) throw new Error("questions");
  const p = await publishConsultation(db, staff, id);
  if (!p.ok) throw new Error(p.error);
  const options = (await db.selectFrom("question_option").select("id").where("question_id", "=", single.value.questionId).orderBy("position").execute()).map((o) => o.id);
  const places = (await ballotPlaces(db, id)).map((p) => p.id);
  return { id, single: single.value.questionId, scale: scale.value.questionId, options, places, staffId, signature: questionsSignature(await questionShapes(db, id)) };
}

/** Paper ballots seeded with one generate_series insert (and their answers), then counted by `results:recount`. */
async function seedPaper(db: DB, c: Awaited<ReturnType<typeof squareConsultation>>, n: number) {
  const t0 = performance.now();
  await sql`
    with r as (
      insert into response (consultation_id, channel, entry_mode, source, territory_id, entered_by)
      select ${c.id}, 'paper', 'individual', 'banc d''essai', (${sql.val(c.places)}::int[])[1 + g % ${c.places.length}], ${c.staffId}
      from generate_series(1, ${n}) g
      returning id
    ), single as (
      insert into answer (response_id, question_id, option_id)
      select id, ${c.single}, (${sql.val(c.options)}::int[])[1 + (id % 3)::int] from r
    )
    insert into answer (response_id, question_id, value) select id, ${c.scale}, 1 + (id % 5)::int from r`.execute(db);
  // What autovacuum would do within a minute of such an insert: fresh planner statistics.
  await sql`analyze response`.execute(db);
  await sql`analyze answer`.execute(db);
  const inserted = performance.now() - t0;
  const t1 = performance.now();
  const recount = spawnSync(process.execPath, ["--import", "tsx", "db/recount.ts", String(c.id)], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (recount.status !== 0) throw new Error(`results:recount failed: ${recount.stderr}`);
  return { insertMs: Math.round(inserted), recountMs: Math.round(performance.now() - t1), recountOutput: recount.stdout.trim() };
}

/** Median time of GETs of a page with a method line (results, or staff's), after one warm-up; checks it shows n. */
async function timeResults(server: RunningServer, path: string, n: number, cookie?: string) {
  const page = `${server.url}${path}`;
  const headers = cookie ? { cookie } : undefined;
  const first = await (await fetch(page, { headers })).text();
  if (!new RegExp(`data-channel="total"><th scope="row">[^<]*</th><td>${n}</td>`).test(first)) throw new Error(`${path} does not show n = ${n}`);
  const times: number[] = [];
  for (let i = 0; i < GETS; i++) {
    const t0 = performance.now();
    const res = await fetch(page, { headers });
    await res.text();
    if (!res.ok) throw new Error(`results page answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  return { median: round1(median(times)), min: round1(Math.min(...times)), max: round1(Math.max(...times)) };
}

/**
 * CPU time used so far (ms) by each of these processes, read from /proc (Linux; a process that
 * cannot be read, such as a PostgreSQL on another host, is left out). Fields 14 and 15 of
 * /proc/<pid>/stat are its user and system time in clock ticks (100 a second on Linux).
 */
/** The fields of /proc/<pid>/stat after the command's name (field 3 first). */
const procStat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");

function cpuMs(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = procStat(pid);
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      /* gone, or not on this machine */
    }
  }
  return out;
}

/** A process and its descendants (the server's workers when WEB_CONCURRENCY > 1). */
function withDescendants(pid: number): number[] {
  const parents = new Map<number, number>();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        parents.set(Number(entry), Number(procStat(entry)[1]));
      } catch {
        /* gone */
      }
    }
  } catch {
    return [pid];
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) for (const [child, parent] of parents) if (parent === all[i]) all.push(child);
  return all;
}

/** CPU ms per answer of what changed between two readings, over the processes read both times. */
function cpuPerAnswer(before: Map<number, number>, after: Map<number, number>, answers: number): number | null {
  let sum = 0;
  let read = 0;
  for (const [pid, ms] of after) {
    const was = before.get(pid);
    if (was === undefined) continue;
    sum += ms - was;
    read++;
  }
  return read === 0 ? null : Math.round((sum / answers) * 100) / 100;
}

let server: RunningServer | undefined;
let handle: Awaited<ReturnType<typeof openDatabase>> | undefined;
const started = performance.now();
try {
  await admin(`create database ${name}`);
} catch (error) {
  console.error(`bench:votes could not create its database through DATABASE_URL (${new URL(base).host}${new URL(base).pathname}): ${(error as Error).message}. Give it a database that exists, e.g. postgres://postgres@127.0.0.1:5432/postgres`);
  process.exit(2);
}
try {
  handle = await openDatabase({ url, poolSize: 16 });
  const db = handle.db;
  await migrateToLatest(db);
  await ensureDemoData(db);
  await ensureDemoAccounts(db);
  const live = await squareConsultation(db, "Banc d'essai : réponses en ligne");

  // Residents spread over the sous-secteurs, each with a session made by the session module.
  const total = WARM_UP + MAX_ANSWERS + RATE * RATE_SECONDS;
  const t0 = performance.now();
  const { rows } = await sql<{ id: number }>`
    insert into account (identifier, display_name, pin_hash, territory_id, verified_at)
    select 'bench-' || g, 'Banc d''essai ' || g, 'x', (${sql.val(live.places)}::int[])[1 + g % ${live.places.length}], now()
    from generate_series(1, ${total}) g
    returning id`.execute(db);
  const tokens: string[] = new Array(rows.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      for (let i = next++; i < rows.length; i = next++) tokens[i] = (await createSession(db, rows[i]!.id, { persistent: true })).token;
    }),
  );
  log(`seeded ${rows.length} residents over ${live.places.length} sous-secteurs with their sessions in ${Math.round(performance.now() - t0)} ms`);

  server = await startServer({ DATABASE_URL: url, DEMO_DATA: "off", LOG_LEVEL: "warn", WEB_CONCURRENCY: String(PROCESSES) });
  const answerPath = `/consultations/${live.id}`;
  let cursor = 0;
  // autocannon notices the end of a run only at its next sample: its `duration` is rounded up
  // to a whole second. The time of a run here is from its start to its last response.
  const run = async (opts: { amount: number; overallRate?: number }) => {
    let start = 0;
    let last = 0;
    const instance = autocannon({
      url: server!.url,
      connections: CONCURRENCY,
      amount: opts.amount,
      overallRate: opts.overallRate,
      timeout: 30,
      requests: [
        {
          method: "POST",
          path: answerPath,
          setupRequest: (req) => {
            const i = cursor++;
            return {
              ...req,
              headers: { "content-type": "application/x-www-form-urlencoded", cookie: `pq_session=${tokens[i]}` },
              // As a browser sends it: the answers and the signature of the questions the page showed.
              body: `${QUESTIONS_FIELD}=${encodeURIComponent(live.signature)}&q${live.single}=${live.options[i % 3]}&q${live.scale}=${1 + (i % 5)}`,
            };
          },
        },
      ],
    });
    instance.on("start", () => (start = performance.now()));
    instance.on("response", () => (last = performance.now()));
    const result = await instance;
    return { ...result, seconds: (last - start) / 1000 };
  };

  await run({ amount: WARM_UP });
  // Where the CPU goes at full load: the server's processes, the PostgreSQL backends of this
  // database (its pool's connections, open since the warm-up), and this process (autocannon).
  const serverPids = withDescendants(server.pid);
  const dbPids = (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db)).rows.map((r) => r.pid);
  const cpuBefore = { server: cpuMs(serverPids), db: cpuMs(dbPids), load: process.cpuUsage() };
  const max = await run({ amount: MAX_ANSWERS });
  const loadCpu = process.cpuUsage(cpuBefore.load);
  const cpu = {
    server: cpuPerAnswer(cpuBefore.server, cpuMs(serverPids), max["3xx"]),
    db: cpuPerAnswer(cpuBefore.db, cpuMs(dbPids), max["3xx"]),
    load: Math.round(((loadCpu.user + loadCpu.system) / 1000 / max["3xx"]) * 100) / 100,
  };
  const answersPerS = Math.round(max["3xx"] / max.seconds);
  const rate = await run({ amount: RATE * RATE_SECONDS, overallRate: RATE });

  // Exactly one response per resident, and every answer acknowledged with a redirect.
  const stored = await sql<{ n: number; residents: number }>`select count(*)::int as n, count(distinct account_id)::int as residents from response where consultation_id = ${live.id}`.execute(db);
  const acknowledged = WARM_UP + max["3xx"] + rate["3xx"];
  const { n: storedN, residents } = stored.rows[0]!;
  const { stored: counters, recounted } = await compareWithRecount(db, live.id);
  const countersOk = JSON.stringify(counters) === JSON.stringify(recounted);
  const failures = [max, rate].reduce((s, r) => s + r.errors + r.timeouts + r["4xx"] + r["5xx"] + r["2xx"], 0);
  if (storedN !== residents || storedN !== cursor || acknowledged !== cursor || failures !== 0 || !countersOk)
    throw new Error(`integrity: sent ${cursor}, redirects ${acknowledged}, stored ${storedN} for ${residents} residents, failures ${failures}, counters ${countersOk ? "=" : "≠"} recount`);

  // Results pages: 1k and 1M paper responses.
  const small = await squareConsultation(db, "Banc d'essai : 1 000 réponses");
  const smallSeed = await seedPaper(db, small, 1_000);
  const big = await squareConsultation(db, "Banc d'essai : 1 000 000 réponses");
  const bigSeed = await seedPaper(db, big, BIG);
  const r1k = await timeResults(server, `/consultations/${small.id}/resultats`, 1_000);
  const r1m = await timeResults(server, `/consultations/${big.id}/resultats`, BIG);
  // The staff page of the same consultation: participation by sous-secteur, age and gender.
  const staffCookie = `pq_session=${(await createSession(db, big.staffId, { persistent: true })).token}`;
  const staff1m = await timeResults(server, `/staff/consultations/${big.id}`, BIG, staffCookie);

  log("");
  log(`Parlons Quartier — bench:votes on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  log(`answer route POST ${answerPath} (form, session cookie, redirect), concurrency ${CONCURRENCY}, ${PROCESSES} server process(es) with a pool of 10 each, LOG_LEVEL=warn`);
  log(`  max throughput: ${max["3xx"]} answers in ${max.seconds.toFixed(2)} s from the first request to the last response → ${answersPerS} answers/s (p50 ${max.latency.p50} ms, p99 ${max.latency.p99} ms)`);
  const cores = os.cpus().length;
  const shown = (ms: number | null) => (ms === null ? "not readable here" : `${ms} ms`);
  log(`  CPU per answer in that run: server ${shown(cpu.server)}, PostgreSQL backends ${shown(cpu.db)}, load generator ${shown(cpu.load)} (on ${cores} cores, ${cores} ms of CPU per answer in all is 1 000 answers/s)`);
  log(`  at ${RATE}/s offered for ${RATE_SECONDS} s: ${rate["3xx"]} answers in ${rate.seconds.toFixed(2)} s (achieved ${Math.round(rate["3xx"] / rate.seconds)}/s), p50 ${rate.latency.p50} ms, p99 ${rate.latency.p99} ms, max ${rate.latency.max} ms`);
  log(`  check: ${storedN} responses for ${residents} residents, ${acknowledged} redirects, counters equal a full recount`);
  log(`results page (median of ${GETS} GETs after one warm-up; no cache: every GET reads the counters)`);
  log(`  1k responses: ${r1k.median} ms (min ${r1k.min}, max ${r1k.max}); seeded (with ANALYZE) in ${smallSeed.insertMs} ms, recount ${smallSeed.recountMs} ms`);
  log(`  ${BIG} responses: ${r1m.median} ms (min ${r1m.min}, max ${r1m.max}); seeded (with ANALYZE) in ${bigSeed.insertMs} ms, recount ${bigSeed.recountMs} ms (${bigSeed.recountOutput})`);
  log(`  ratio 1M / 1k: ${round1(r1m.median / r1k.median)}`);
  log(`  staff page of the ${BIG} responses (participation by sous-secteur, age band, gender): ${staff1m.median} ms (min ${staff1m.min}, max ${staff1m.max})`);
  log(`targets: ≥ 1000 answers/s: ${answersPerS >= 1000 ? "met" : "NOT met"}; p99 ≤ 100 ms at 500/s: ${rate.latency.p99 <= 100 ? "met" : "NOT met"}; 1M ≤ 2 × 1k: ${r1m.median <= 2 * r1k.median ? "met" : "NOT met"}`);
  log(`total ${Math.round((performance.now() - started) / 1000)} s`);
  bench("answers_per_s", answersPerS, "answers/s");
  bench("answers_p50_ms", rate.latency.p50, "ms");
  bench("answers_p99_ms", rate.latency.p99, "ms");
  bench("results_1k_ms", r1k.median, "ms");
  bench("results_1m_ms", r1m.median, "ms");
  if (cpu.server !== null) bench("answer_cpu_server_ms", cpu.server, "ms");
  if (cpu.db !== null) bench("answer_cpu_db_ms", cpu.db, "ms");
  bench("answer_cpu_load_ms", cpu.load, "ms");
} finally {
  await server?.stop();
  await handle?.close();
  await admin(`drop database if exists ${name} with (force)`);
}
