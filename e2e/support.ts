// Shared by the browser tests: strings in each language, ids from the e2e database, the axe scan.
import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const LANGS = ["fr", "en", "ar"] as const;
export type Lang = (typeof LANGS)[number];

const messages: Record<string, unknown> = {};
/** The string a page shows for a key (no interpolation beyond {{x}} → value). */
export function t(lng: Lang, key: string, vars: Record<string, string | number> = {}): string {
  messages[lng] ??= JSON.parse(readFileSync(path.resolve("public/locales", lng, "common.json"), "utf8"));
  let node: unknown = messages[lng];
  for (const part of key.split(".")) node = (node as Record<string, unknown>)?.[part];
  if (typeof node !== "string") throw new Error(`no string ${lng}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ""));
}

let pool: pg.Pool | undefined;
export async function sqlOne<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
  pool ??= new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
  const { rows } = await pool.query(text, params);
  if (!rows[0]) throw new Error(`no row for ${text}`);
  return rows[0] as T;
}
export async function territoryId(code: string): Promise<number> {
  return (await sqlOne<{ id: number }>("select id from territory where code = $1", [code])).id;
}

export async function setLanguage(context: BrowserContext, baseURL: string, lng: Lang) {
  await context.addCookies([{ name: "lng", value: lng, url: baseURL }]);
}

/** JavaScript off, as the spec asks: no script runs, and /build/** is blocked as well. */
export async function disableJavaScript(context: BrowserContext) {
  await context.route("**/build/**", (route) => route.abort());
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
