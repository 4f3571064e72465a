// DATABASE_URL → a pg pool on PostgreSQL; unset → an embedded PGlite database under .data/.
import { mkdirSync } from "node:fs";
import { recount } from "../app/domain/consultations/counters.server.js";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from "kysely";
import pg from "pg";
import { migrations } from "./migrations/index.js";
import { PGliteDialect } from "./pglite-dialect.js";
import type { Database } from "./schema.js";
import { asUnavailable } from "./unavailable.js";

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  /** "postgresql" or "pglite", and where, for the start-up line and /healthz. */
  kind: "postgresql" | "pglite";
  description: string;
  close(): Promise<void>;
}

// int8 (count(*), sums) as numbers: figures here stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

/** Statements one connection keeps prepared, at most (then the rest run unnamed). */
const PREPARED_PER_CONNECTION = 400;

/**
 * Every statement with parameters runs as a named prepared statement on its connection, so
 * PostgreSQL parses and plans it once per connection instead of once per request: on the
 * answer route's few statements this is a large share of the database's work. Kysely sends
 * the same text for the same query shape, so the set of texts stays small; past the cap the
 * rest run unnamed. See docs/decisions/0012-answer-fast-path.md.
 */
function preparing(client: pg.PoolClient) {
  const raw = client.query.bind(client) as (...args: unknown[]) => unknown;
  // A connection lost in the middle of a query is « service unavailable » (db/unavailable.ts).
  const query = (...args: unknown[]) => {
    const result = raw(...args);
    return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(asUnavailable(error))) : result;
  };
  const names = new Map<string, string>();
  (client as unknown as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== "string" || !Array.isArray(values) || values.length === 0 || rest.length) return query(text, values, ...rest);
    let name = names.get(text);
    if (!name && names.size < PREPARED_PER_CONNECTION) names.set(text, (name = `pq${names.size}`));
    return name ? query({ name, text, values }) : query(text, values);
  };
}

export async function openDatabase(options: { url?: string; dataDir?: string; poolSize?: number } = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on("connect", preparing);
    // An idle connection that the server closes (a restart, an administrator, a dropped test
    // database) is an "error" event on the pool; the pool forgets that connection and opens
    // another when needed. Without a listener, Node would treat it as an uncaught exception.
    pool.on("error", () => {});
    // A connection that cannot be opened is « service unavailable » too.
    const reaching = { connect: () => pool.connect().catch((error: unknown) => Promise.reject(asUnavailable(error))), end: () => pool.end() };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: reaching as unknown as pg.Pool }) });
    return { db, kind: "postgresql", description: describeUrl(options.url), close: () => db.destroy() };
  }
  const dataDir = path.resolve(options.dataDir ?? ".data/pglite");
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: "pglite", description: `embedded PGlite in ${path.relative(process.cwd(), dataDir) || dataDir}`, close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  // The counters start from a full count of the ledger that existed before them.
  if (result.results?.some((r) => r.migrationName === "0005_paper_tallies_counters" && r.status === "Success")) await recount(db);
  return result;
}

export async function ping(db: DB): Promise<void> {
  await sql`select 1`.execute(db);
}
