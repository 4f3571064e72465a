// Every key in every language, plural forms included; Arabic in Arabic; English not left in French.
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { LANGUAGES } from "./config.js";

type Tree = { [k: string]: string | Tree };
const load = (lng: string) => JSON.parse(readFileSync(new URL(`../../public/locales/${lng}/common.json`, import.meta.url), "utf8")) as Tree;
const flatten = (tree: Tree, prefix = ""): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
};
const PLURAL = /_(zero|one|two|few|many|other)$/;
const messages = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(load(l))]));

/** Base keys: plural families collapse to their stem. */
const baseKeys = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, "")));
const pluralStems = (m: Map<string, string>) => new Set([...m.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));

// Names that are the same in English and French on purpose.
const SAME_IN_ENGLISH = new Set(["layout.siteName", "languages.fr", "languages.en", "languages.ar", "place.population", "contract.ambitions", "objective.indicators", "contract.objectives", "staff.auditFilter", "staff.auditWhat", "privacy.cookiesTitle", "staff.settingsTitle", "grades.excellent", "consult.questionN", "consult.option", "consult.points", "cstaff.prompt", "cstaff.kind", "cstaff.questions", "cstaff.description", "consult.scale.2", "consult.scale.3", "consult.scale.4", "consult.channelLine", "staff.auditTarget", "method.total"]);

test("every language has every key of every other", () => {
  const all = new Set(LANGUAGES.flatMap((l) => [...baseKeys(messages[l]!)]));
  for (const l of LANGUAGES) {
    const missing = [...all].filter((k) => !baseKeys(messages[l]!).has(k));
    assert.deepEqual(missing, [], `${l} lacks keys`);
  }
});

test("plural keys have every form the language needs (Arabic: zero to other)", () => {
  const stems = new Set(LANGUAGES.flatMap((l) => [...pluralStems(messages[l]!)]));
  for (const l of LANGUAGES) {
    const categories = new Intl.PluralRules(l).resolvedOptions().pluralCategories;
    const forms = l === "ar" ? new Set([...categories, "zero"]) : new Set(categories);
    for (const stem of stems) for (const form of forms) assert.ok(messages[l]!.has(`${stem}_${form}`), `${l}: ${stem}_${form} is missing`);
  }
});

test("every Arabic value has an Arabic letter", () => {
  const ARABIC = /[\u0600-\u06FF]/;
  // Names of other languages, and the scale's bare middle numbers (Western digits, as PINs).
  const allowed = new Set(["languages.fr", "languages.en", "consult.scale.2", "consult.scale.3", "consult.scale.4"]);
  for (const [k, v] of messages.ar!) if (!allowed.has(k)) assert.match(v, ARABIC, `ar ${k}: ${v}`);
});

test("no English value is the French one, outside the allowlist of names", () => {
  for (const [k, v] of messages.en!) if (!SAME_IN_ENGLISH.has(k)) assert.notEqual(v, messages.fr!.get(k), `en ${k} is still French: ${v}`);
});

test("every key used in the code exists in French", () => {
  const out = execSync(`grep -rhoE "\\bt\\(\\"[a-zA-Z0-9_.]+\\"" app --include=*.tsx --include=*.ts`, { encoding: "utf8" });
  const used = new Set(out.split("\n").filter(Boolean).map((s) => s.slice(3, -1)));
  const fr = baseKeys(messages.fr!);
  for (const key of used) assert.ok(fr.has(key), `t("${key}") has no French string`);
});
