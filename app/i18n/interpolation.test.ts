// Every call of t with a literal key and options passes exactly the values its text expects: the
// names of its options are the `{{vars}}` of that key (all plural forms together) in fr, en and
// ar. « rang {{rank}} » on screen came from `t("consult.rankN", { n })`. `count` may go unnamed
// in a plural form (« un bulletin »); i18next's own options are not values.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { LANGUAGES } from "./config.js";

const root = path.resolve(import.meta.dirname, "../..");
const OWN_OPTIONS = new Set(["count", "lng", "ns", "defaultValue", "context", "ordinal", "returnObjects", "interpolation"]);
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

/** The `{{vars}}` of a key (its plural forms together), per language. */
function varsOf(messages: Map<string, string>, key: string): Set<string> | null {
  const texts = [...messages].filter(([k]) => k === key || k.replace(PLURAL, "") === key).map(([, v]) => v);
  if (texts.length === 0) return null;
  return new Set(texts.flatMap((v) => [...v.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!.split(".")[0]!)));
}

/** From the `{` at `start`, the object literal's text up to its matching `}` (strings and nesting skipped). */
function objectAt(source: string, start: number): string | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") {
      depth--;
      if (depth === 0) return source.slice(start + 1, i);
    }
  }
  return null;
}

/** The top-level property names of an object literal's text; null when it spreads (unknowable). */
function propertyNames(body: string): string[] | null {
  const names: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let part = "";
  const flush = () => {
    const p = part.trim();
    part = "";
    if (!p) return true;
    if (p.startsWith("...")) return false;
    const m = p.match(/^["']?([\w$]+)["']?\s*(?::|$)/);
    if (m) names.push(m[1]!);
    return true;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === "\\") (part += c + body[i + 1]), i++;
      else {
        if (c === quote) quote = null;
        part += c;
      }
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    if ("{([".includes(c)) depth++;
    if ("})]".includes(c)) depth--;
    if (c === "," && depth === 0) {
      if (!flush()) return null;
    } else part += c;
  }
  return flush() ? names : null;
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test.")).map((f) => path.join(dir, f));
}

test("every t(key, options) passes the values its text expects, in fr, en and ar", () => {
  const messages = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(JSON.parse(readFileSync(path.join(root, `public/locales/${l}/common.json`), "utf8")) as Tree)]));
  const problems: string[] = [];
  let calls = 0;
  for (const file of [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "e2e"))]) {
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/\bt\(\s*(?:"[a-z]{2}"\s*,\s*)?"([\w.-]+)"\s*,\s*\{/g)) {
      const body = objectAt(source, m.index! + m[0].length - 1);
      const names = body === null ? null : propertyNames(body);
      if (names === null) continue;
      calls++;
      const where = `${path.relative(root, file)}: t("${m[1]}", { ${names.join(", ")} })`;
      const given = new Set(names.filter((n) => !OWN_OPTIONS.has(n)));
      for (const lng of LANGUAGES) {
        const vars = varsOf(messages[lng]!, m[1]!);
        if (vars === null) {
          problems.push(`${where}: no such key in ${lng}`);
          continue;
        }
        const expected = new Set([...vars].filter((v) => v !== "count"));
        const missing = [...expected].filter((v) => !given.has(v));
        const extra = [...given].filter((v) => !expected.has(v));
        if (vars.has("count") && !names.includes("count")) missing.push("count");
        if (missing.length || extra.length) problems.push(`${where} in ${lng}: ${missing.length ? `missing ${missing.join(", ")}` : ""}${missing.length && extra.length ? "; " : ""}${extra.length ? `not in the text ${extra.join(", ")}` : ""}`);
      }
    }
  }
  assert.ok(calls > 100, `${calls} calls with options read`);
  assert.deepEqual(problems, []);
});

test("on test servers a value a text did not get shows as a marker the page scan finds", async () => {
  const { createI18n } = await import("./i18n.js");
  const marked = createI18n("fr", { consult: { rankN: "rang {{rank}}" } }, true);
  assert.equal(marked.t("consult.rankN", { n: 2 }), "rang ⟦rank⟧");
  assert.equal(marked.t("consult.rankN", { rank: 2 }), "rang 2");
  // Elsewhere, i18next's own behaviour.
  assert.equal(createI18n("fr", { consult: { rankN: "rang {{rank}}" } }).t("consult.rankN", { n: 2 }), "rang {{rank}}");
});
