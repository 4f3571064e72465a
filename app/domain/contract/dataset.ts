// The "contrat-de-ville/v1" format: its shape, and the checks an import must pass.
// Errors block an import; warnings are reported and the file still imports.
// Each problem names a JSON path, e.g. `objectives[12].parent: unknown code "A9"`.

export const DATASET_FORMAT = "contrat-de-ville/v1";

export interface DatasetTerritory {
  code: string;
  kind: "epci" | "commune" | "qpv" | "sous_secteur" | "secteur_vigilance";
  name: string;
  parent: string | null;
  population: number | null;
  populationYear: number | null;
  areaHa: number | null;
  aliases: string[];
  sourceRef: string;
}
export interface DatasetGroup {
  code: string;
  name: string;
  purpose: "priority_area" | "statistics" | "other";
  members: string[];
  note: string | null;
}
export interface DatasetObjective {
  code: string;
  kind: "axe" | "thematique" | "enjeu" | "objectif_strategique" | "objectif_operationnel";
  parent: string | null;
  title: string;
  sourceRef: string;
}
export interface DatasetTheme {
  code: string;
  title: string;
  sourceRef: string;
}
export interface DatasetPriorityItem {
  label: string;
  objectives: string[];
  linkConfidence: "explicit" | "inferred";
}
export interface DatasetPriority {
  code: string;
  title: string;
  scope: "all" | "territory_group";
  territoryGroup: string | null;
  summary: string | null;
  items: DatasetPriorityItem[];
  sourceRef: string;
}
export interface DatasetIndicator {
  code: string;
  objective: string | null;
  transversalTheme: string | null;
  label: string;
  kind: "quantitatif" | "qualitatif" | "unknown";
  sourceRef: string;
}
export interface Dataset {
  format: string;
  source: { title: string; publisher: string; period: string; note: string | null };
  contract: { code: string; name: string; epci: string; startYear: number; endYear: number; ambitions: string[] };
  territories: DatasetTerritory[];
  territoryGroups: DatasetGroup[];
  objectives: DatasetObjective[];
  transversalThemes: DatasetTheme[];
  priorities: DatasetPriority[];
  indicators: DatasetIndicator[];
}

export interface Problem {
  path: string;
  message: string;
}
export type CheckResult =
  | { ok: true; dataset: Dataset; warnings: Problem[] }
  | { ok: false; errors: Problem[]; warnings: Problem[] };

export const formatProblem = (p: Problem) => `${p.path}: ${p.message}`;

const FIELDS = {
  root: ["format", "source", "contract", "territories", "territoryGroups", "objectives", "transversalThemes", "priorities", "indicators"],
  source: ["title", "publisher", "period", "note"],
  contract: ["code", "name", "epci", "startYear", "endYear", "ambitions"],
  territory: ["code", "kind", "name", "parent", "population", "populationYear", "areaHa", "aliases", "sourceRef"],
  territoryGroup: ["code", "name", "purpose", "members", "note"],
  objective: ["code", "kind", "parent", "title", "sourceRef"],
  transversalTheme: ["code", "title", "sourceRef"],
  priority: ["code", "title", "scope", "territoryGroup", "summary", "items", "sourceRef"],
  priorityItem: ["label", "objectives", "linkConfidence"],
  indicator: ["code", "objective", "transversalTheme", "label", "kind", "sourceRef"],
} as const;

/** Allowed parent kinds per kind; null means "is a root". */
export const TERRITORY_PARENTS: Record<string, (string | null)[]> = {
  epci: [null],
  commune: ["epci"],
  qpv: ["commune"],
  sous_secteur: ["qpv"],
  secteur_vigilance: ["commune"],
};
export const OBJECTIVE_PARENTS: Record<string, (string | null)[]> = {
  axe: [null],
  thematique: ["axe"],
  enjeu: ["axe", "thematique"],
  objectif_strategique: ["axe", "thematique"],
  objectif_operationnel: ["objectif_strategique"],
};
const GROUP_PURPOSES = ["priority_area", "statistics", "other"];
const PRIORITY_SCOPES = ["all", "territory_group"];
const LINK_CONFIDENCES = ["explicit", "inferred"];
const INDICATOR_KINDS = ["quantitatif", "qualitatif", "unknown"];
const INDICATOR_TARGETS = ["axe", "thematique", "enjeu", "objectif_strategique", "objectif_operationnel"];
const PRIORITY_ITEM_TARGETS = ["objectif_strategique", "objectif_operationnel"];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const REF_PART = String.raw`(?:\d{3}:)?L(\d+)(?:-L?(\d+))?`;
const SOURCE_REF = new RegExp(String.raw`^\d{3}:L\d+(?:-L?\d+)?(?:\s*[,;]\s*${REF_PART})*$`);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));
const article = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

export function checkDataset(input: unknown): CheckResult {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const at = (base: string, field: string) => (base ? `${base}.${field}` : field);

  function shape(path: string, value: unknown, spec: readonly string[]): value is Obj {
    if (!isObj(value)) {
      err(path || "(root)", `must be an object, got ${Array.isArray(value) ? "an array" : show(value)}`);
      return false;
    }
    for (const k of spec) if (!(k in value)) err(at(path, k), "missing field");
    for (const k of Object.keys(value)) if (!spec.includes(k)) err(at(path, k), `unknown field (the format allows: ${spec.join(", ")})`);
    return true;
  }
  function text(path: string, value: unknown, opts: { allowEmpty?: boolean; allowNull?: boolean } = {}) {
    if (value === null && opts.allowNull) return;
    if (value === undefined) return; // reported as a missing field
    if (typeof value !== "string") return err(path, `must be a string${opts.allowNull ? " or null" : ""}, got ${show(value)}`);
    if (!opts.allowEmpty && value.trim() === "") return err(path, "is empty");
    if (value !== value.trim()) warn(path, "has leading or trailing whitespace");
  }
  function sourceRef(path: string, value: unknown) {
    if (value === undefined) return;
    if (typeof value !== "string" || value.trim() === "") return err(path, `must be a non-empty string like "001:L644"`);
    if (!SOURCE_REF.test(value)) return err(path, `${show(value)} does not look like "001:L644" or "001:L642-L646,L659"`);
    for (const m of value.matchAll(new RegExp(REF_PART, "g"))) {
      const a = Number(m[1]);
      const b = m[2] === undefined ? a : Number(m[2]);
      if (a < 1 || b < a) err(path, `${show(value)} has a bad line range`);
    }
  }
  function list(path: string, value: unknown): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      err(path, "must be an array");
      return [];
    }
    return value;
  }

  if (!shape("", input, FIELDS.root)) return { ok: false, errors, warnings };
  const data = input;
  if (data.format !== DATASET_FORMAT) err("format", `must be ${show(DATASET_FORMAT)}, got ${show(data.format)}`);

  const codes = new Map<string, string>();
  function register(path: string, code: unknown, territory: boolean): code is string {
    if (code === undefined) return false;
    if (typeof code !== "string" || code.trim() === "") {
      err(at(path, "code"), "must be a non-empty string");
      return false;
    }
    if (codes.has(code)) {
      err(at(path, "code"), `duplicate code ${show(code)} (already used at ${codes.get(code)})`);
      return false;
    }
    codes.set(code, path);
    if (territory ? !KEBAB.test(code) : !CODE.test(code))
      err(at(path, "code"), territory ? `territory code ${show(code)} is not kebab-case (a-z, 0-9, "-")` : `code ${show(code)} has characters other than letters, digits, ".", "_" and "-"`);
    return true;
  }

  const territories = list("territories", data.territories);
  const groups = list("territoryGroups", data.territoryGroups);
  const objectives = list("objectives", data.objectives);
  const themes = list("transversalThemes", data.transversalThemes);
  const priorities = list("priorities", data.priorities);
  const indicators = list("indicators", data.indicators);

  const territoryByCode = new Map<string, Obj>();
  territories.forEach((t, i) => {
    const p = `territories[${i}]`;
    if (!shape(p, t, FIELDS.territory)) return;
    if (register(p, t.code, true)) territoryByCode.set(t.code as string, t);
    if (t.kind !== undefined && !(String(t.kind) in TERRITORY_PARENTS)) err(`${p}.kind`, `${show(t.kind)} is not one of ${Object.keys(TERRITORY_PARENTS).join("|")}`);
    text(`${p}.name`, t.name);
    if (t.parent !== undefined && t.parent !== null && typeof t.parent !== "string") err(`${p}.parent`, "must be a territory code or null");
    if (t.population !== undefined && t.population !== null && !(isInt(t.population) && t.population >= 0))
      err(`${p}.population`, `must be a non-negative integer or null, got ${show(t.population)}`);
    if (t.populationYear !== undefined && t.populationYear !== null && !(isInt(t.populationYear) && t.populationYear >= 1800 && t.populationYear <= 2100))
      err(`${p}.populationYear`, `must be a year or null, got ${show(t.populationYear)}`);
    if (t.population === null && t.populationYear !== null && t.populationYear !== undefined) err(`${p}.populationYear`, `is set but "population" is null`);
    if (isInt(t.population) && t.populationYear === null) warn(`${p}.populationYear`, `population ${t.population} has no year`);
    if (t.areaHa !== undefined && t.areaHa !== null && !(typeof t.areaHa === "number" && Number.isFinite(t.areaHa) && t.areaHa > 0))
      err(`${p}.areaHa`, `must be a positive number or null, got ${show(t.areaHa)}`);
    const seen = new Set<unknown>();
    list(`${p}.aliases`, t.aliases).forEach((a, j) => {
      text(`${p}.aliases[${j}]`, a);
      if (seen.has(a)) warn(`${p}.aliases[${j}]`, `alias ${show(a)} is listed twice`);
      if (a === t.name) warn(`${p}.aliases[${j}]`, `alias ${show(a)} repeats the name`);
      seen.add(a);
    });
    sourceRef(`${p}.sourceRef`, t.sourceRef);
  });

  const groupByCode = new Map<string, Obj>();
  groups.forEach((g, i) => {
    const p = `territoryGroups[${i}]`;
    if (!shape(p, g, FIELDS.territoryGroup)) return;
    if (register(p, g.code, false)) groupByCode.set(g.code as string, g);
    text(`${p}.name`, g.name);
    if (g.purpose !== undefined && !GROUP_PURPOSES.includes(g.purpose as string)) err(`${p}.purpose`, `${show(g.purpose)} is not one of ${GROUP_PURPOSES.join("|")}`);
    text(`${p}.note`, g.note, { allowEmpty: true, allowNull: true });
  });

  const objectiveByCode = new Map<string, Obj>();
  objectives.forEach((o, i) => {
    const p = `objectives[${i}]`;
    if (!shape(p, o, FIELDS.objective)) return;
    if (register(p, o.code, false)) objectiveByCode.set(o.code as string, o);
    if (o.kind !== undefined && !(String(o.kind) in OBJECTIVE_PARENTS)) err(`${p}.kind`, `${show(o.kind)} is not one of ${Object.keys(OBJECTIVE_PARENTS).join("|")}`);
    text(`${p}.title`, o.title);
    if (o.parent !== undefined && o.parent !== null && typeof o.parent !== "string") err(`${p}.parent`, "must be an objective code or null");
    sourceRef(`${p}.sourceRef`, o.sourceRef);
  });

  const themeCodes = new Set<string>();
  themes.forEach((th, i) => {
    const p = `transversalThemes[${i}]`;
    if (!shape(p, th, FIELDS.transversalTheme)) return;
    if (register(p, th.code, false)) themeCodes.add(th.code as string);
    text(`${p}.title`, th.title);
    sourceRef(`${p}.sourceRef`, th.sourceRef);
  });

  priorities.forEach((pr, i) => {
    const p = `priorities[${i}]`;
    if (!shape(p, pr, FIELDS.priority)) return;
    register(p, pr.code, false);
    text(`${p}.title`, pr.title);
    if (pr.scope !== undefined && !PRIORITY_SCOPES.includes(pr.scope as string)) err(`${p}.scope`, `${show(pr.scope)} is not one of ${PRIORITY_SCOPES.join("|")}`);
    text(`${p}.summary`, pr.summary, { allowEmpty: true, allowNull: true });
    sourceRef(`${p}.sourceRef`, pr.sourceRef);
  });

  indicators.forEach((ind, i) => {
    const p = `indicators[${i}]`;
    if (!shape(p, ind, FIELDS.indicator)) return;
    register(p, ind.code, false);
    text(`${p}.label`, ind.label);
    if (ind.kind !== undefined && !INDICATOR_KINDS.includes(ind.kind as string)) err(`${p}.kind`, `${show(ind.kind)} is not one of ${INDICATOR_KINDS.join("|")}`);
    sourceRef(`${p}.sourceRef`, ind.sourceRef);
  });

  if (shape("source", data.source, FIELDS.source)) {
    const s = data.source;
    for (const k of ["title", "publisher", "period"]) text(`source.${k}`, s[k]);
    text("source.note", s.note, { allowEmpty: true, allowNull: true });
  }
  if (shape("contract", data.contract, FIELDS.contract)) {
    const c = data.contract;
    text("contract.code", c.code);
    text("contract.name", c.name);
    const epci = territoryByCode.get(c.epci as string);
    if (c.epci !== undefined) {
      if (!epci) err("contract.epci", `unknown territory code ${show(c.epci)}`);
      else if (epci.kind !== "epci") err("contract.epci", `${show(c.epci)} is ${article(String(epci.kind))}, not an epci`);
    }
    if (!isInt(c.startYear) || !isInt(c.endYear)) err("contract.startYear", `"startYear" and "endYear" must be integers`);
    else {
      if (c.startYear > c.endYear) err("contract.startYear", `startYear ${c.startYear} is after endYear ${c.endYear}`);
      if (isObj(data.source) && typeof data.source.period === "string" && data.source.period !== `${c.startYear}-${c.endYear}`)
        warn("source.period", `${show(data.source.period)} differs from the contract years ${c.startYear}-${c.endYear}`);
    }
    const ambitions = list("contract.ambitions", c.ambitions);
    if (Array.isArray(c.ambitions) && ambitions.length === 0) warn("contract.ambitions", "no ambitions");
    ambitions.forEach((a, j) => text(`contract.ambitions[${j}]`, a));
  }

  function nest(collection: string, items: unknown[], byCode: Map<string, Obj>, rules: Record<string, (string | null)[]>, what: string) {
    items.forEach((x, i) => {
      if (!isObj(x) || !(String(x.kind) in rules)) return;
      const p = `${collection}[${i}].parent`;
      const allowed = rules[String(x.kind)]!;
      if (x.parent === null || x.parent === undefined) {
        if (x.parent === null && !allowed.includes(null)) err(p, `${article(String(x.kind))} needs a parent (${allowed.join(" or ")})`);
        return;
      }
      if (typeof x.parent !== "string") return;
      const parent = byCode.get(x.parent);
      if (!parent) return err(p, `unknown ${what} code ${show(x.parent)}`);
      if (!allowed.includes(String(parent.kind)))
        err(p, allowed.length === 1 && allowed[0] === null
          ? `${article(String(x.kind))} must not have a parent (got ${parent.kind} ${show(x.parent)})`
          : `${article(String(x.kind))} must sit under ${allowed.filter(Boolean).join(" or ")}, but ${show(x.parent)} is ${article(String(parent.kind))}`);
    });
    const reported = new Set<string>();
    for (const start of byCode.values()) {
      const path: string[] = [];
      const seen = new Map<string, number>();
      let cur: Obj | undefined = start;
      while (cur && typeof cur.parent === "string" && !seen.has(cur.code as string)) {
        seen.set(cur.code as string, path.length);
        path.push(cur.code as string);
        cur = byCode.get(cur.parent);
      }
      if (cur && seen.has(cur.code as string)) {
        const loop = path.slice(seen.get(cur.code as string));
        const key = [...loop].sort().join("|");
        if (!reported.has(key)) {
          reported.add(key);
          err(collection, `parent chain loops: ${[...loop, loop[0]].map(show).join(" -> ")}`);
        }
      }
    }
  }
  nest("territories", territories, territoryByCode, TERRITORY_PARENTS, "territory");
  nest("objectives", objectives, objectiveByCode, OBJECTIVE_PARENTS, "objective");

  groups.forEach((g, i) => {
    if (!isObj(g)) return;
    const p = `territoryGroups[${i}]`;
    const members = list(`${p}.members`, g.members);
    if (Array.isArray(g.members) && members.length === 0) warn(`${p}.members`, "has no members");
    const seen = new Set<unknown>();
    members.forEach((m, j) => {
      if (seen.has(m)) err(`${p}.members[${j}]`, `${show(m)} is listed twice`);
      seen.add(m);
      if (!territoryByCode.has(m as string)) err(`${p}.members[${j}]`, `unknown territory code ${show(m)}`);
    });
  });

  priorities.forEach((pr, i) => {
    if (!isObj(pr)) return;
    const p = `priorities[${i}]`;
    if (pr.scope === "territory_group") {
      const g = groupByCode.get(pr.territoryGroup as string);
      if (!g) err(`${p}.territoryGroup`, `unknown territory group code ${show(pr.territoryGroup)}`);
      else if (g.purpose !== "priority_area") warn(`${p}.territoryGroup`, `${show(pr.territoryGroup)} has purpose ${g.purpose}, not priority_area`);
    } else if (pr.scope === "all" && pr.territoryGroup !== null && pr.territoryGroup !== undefined) {
      err(`${p}.territoryGroup`, `scope "all" needs null, got ${show(pr.territoryGroup)}`);
    }
    const items = list(`${p}.items`, pr.items);
    if (Array.isArray(pr.items) && items.length === 0) err(`${p}.items`, "has no items");
    items.forEach((it, j) => {
      const pi = `${p}.items[${j}]`;
      if (!shape(pi, it, FIELDS.priorityItem)) return;
      text(`${pi}.label`, it.label);
      if (it.linkConfidence !== undefined && !LINK_CONFIDENCES.includes(it.linkConfidence as string))
        err(`${pi}.linkConfidence`, `${show(it.linkConfidence)} is not one of ${LINK_CONFIDENCES.join("|")}`);
      const objs = list(`${pi}.objectives`, it.objectives);
      if (Array.isArray(it.objectives) && objs.length === 0) err(`${pi}.objectives`, "links no objective");
      const seen = new Set<unknown>();
      objs.forEach((code, k) => {
        const po = `${pi}.objectives[${k}]`;
        if (seen.has(code)) err(po, `${show(code)} is linked twice`);
        seen.add(code);
        const o = objectiveByCode.get(code as string);
        if (!o) err(po, `unknown objective code ${show(code)}`);
        else if (!PRIORITY_ITEM_TARGETS.includes(String(o.kind)))
          err(po, `${show(code)} is ${article(String(o.kind))}; priority items link ${PRIORITY_ITEM_TARGETS.join(" or ")}`);
      });
    });
  });

  const indicatorCount = new Map<string, number>();
  const indicatorKeys = new Map<string, string>();
  indicators.forEach((ind, i) => {
    if (!isObj(ind)) return;
    const p = `indicators[${i}]`;
    if (ind.objective !== null && ind.objective !== undefined) {
      const o = objectiveByCode.get(ind.objective as string);
      if (!o) err(`${p}.objective`, `unknown objective code ${show(ind.objective)}`);
      else if (!INDICATOR_TARGETS.includes(String(o.kind))) err(`${p}.objective`, `${show(ind.objective)} is ${article(String(o.kind))}`);
      else indicatorCount.set(o.code as string, (indicatorCount.get(o.code as string) ?? 0) + 1);
    }
    if (ind.transversalTheme !== null && ind.transversalTheme !== undefined && !themeCodes.has(ind.transversalTheme as string))
      err(`${p}.transversalTheme`, `unknown transversal theme code ${show(ind.transversalTheme)}`);
    const key = `${ind.objective}|${ind.transversalTheme}|${ind.label}`;
    if (indicatorKeys.has(key)) warn(`${p}.label`, `same label and attachment as ${indicatorKeys.get(key)}`);
    else indicatorKeys.set(key, p);
  });

  for (const o of objectiveByCode.values()) {
    const code = o.code as string;
    if (o.kind === "objectif_strategique") {
      if (!objectives.some((x) => isObj(x) && x.parent === code && x.kind === "objectif_operationnel"))
        warn(codes.get(code)!, "objectif_strategique without any objectif_operationnel");
      if (indicators.length > 0 && !indicatorCount.has(code)) warn(codes.get(code)!, "objectif_strategique without any indicator");
    }
    if (o.kind === "axe" && !objectives.some((x) => isObj(x) && x.parent === code)) warn(codes.get(code)!, "axe without children");
  }

  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, dataset: data as unknown as Dataset, warnings };
}

/**
 * Parses a file's text; a BOM or broken JSON is one problem at the root. A NUL character
 * (`\u0000`) means nothing in any text of a contract and PostgreSQL refuses it: it is dropped.
 */
export function parseDataset(raw: string): CheckResult {
  if (raw.charCodeAt(0) === 0xfeff) return { ok: false, errors: [{ path: "(file)", message: "starts with a UTF-8 BOM; save it without one" }], warnings: [] };
  let data: unknown;
  try {
    data = JSON.parse(raw, (_key, value: unknown) => (typeof value === "string" ? value.replace(/\u0000/g, "") : value));
  } catch (error) {
    return { ok: false, errors: [{ path: "(file)", message: `not valid JSON (${(error as Error).message})` }], warnings: [] };
  }
  return checkDataset(data);
}
