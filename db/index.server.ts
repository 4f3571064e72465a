// DATABASE_URL → a pg pool on PostgreSQL; unset → an embedded PGlite database under .data/.
import { mkdirSync } from "node:fs";
import { recount } from "../app/domain/consultations/counters.server.js";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from "kysely";
import pg from "pg";
import { migrations } from "./migrations/index.js";
import { PGliteDialect } from "./pglite-dialect.js";
import type { Database } from "./schema.js";

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

export async function openDatabase(options: { url?: string; dataDir?: string; poolSize?: number } = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
