// Test databases: each test file gets a PostgreSQL database of its own, cloned from a
// migrated template, and drops it at the end. The server is DATABASE_URL when set,
// otherwise 127.0.0.1:5432 as user postgres.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateToLatest, openDatabase, type DatabaseHandle } from "./index.server.js";

export function adminUrl(database = "postgres"): string {
  const base = process.env.PQ_TEST_SERVER_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

export async function createMigratedDatabase(name: string): Promise<string> {
  await adminQuery(`create database ${ident(name)}`);
  const url = adminUrl(name);
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return url;
}

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const prefix = process.env.PQ_TEST_PREFIX ?? "pq_t_solo";
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const template = process.env.PQ_TEST_TEMPLATE;
  let url: string;
  if (template) {
    await adminQuery(`create database ${ident(name)} template ${ident(template)}`);
    url = adminUrl(name);
  } else {
    url = await createMigratedDatabase(name);
  }
  const handle = await openDatabase({ url, poolSize: 4 });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      await adminQuery(`drop database if exists ${ident(name)} with (force)`);
    },
  };
}
