// What may be published of a consultation's counts (decision 0019). Pure functions: the
// publication code (publication.server.ts) feeds them the counters and the logged changes.
//
// Tables of people — where they live (territory cells, « non précisé » included), how they
// took part (channel cells) — are suppressed by one rule (`suppressBreakdown`), and every
// question is shown over the same territory cells: a blank counts as an answer (« sans
// réponse »), so a question has exactly the people of the participation table and no
// difference between the two tells anything. A new publication is allowed only when, since
// every earlier publication, each group of people that the figures let anyone single out has
// moved by 0 or by at least 5 people (`mayPublish`).
import { SUPPRESSION_THRESHOLD, suppressBreakdown } from "./rules.js";

/** A counter row without its shard: [territory, channel, entry mode, named, question, option, rank, value, n]. */
export type GridRow = [number, string, string, boolean, number, number, number, number, number];

export const CHANNEL_CELLS = ["web", "paper_named", "paper_unnamed", "atelier", "tally"] as const;
export type ChannelCell = (typeof CHANNEL_CELLS)[number];

/** The channel cell of a row: tally sheets apart, paper named or not. */
export function channelCell(row: GridRow): ChannelCell {
  if (row[2] === "tally") return "tally";
  if (row[1] === "web") return "web";
  if (row[1] === "paper") return row[3] ? "paper_named" : "paper_unnamed";
  return "atelier";
}

const isBallot = (row: GridRow) => row[4] === 0;

/** How a grid is shown: which territory and channel cells, and whether the total. */
export interface Pattern {
  n: number;
  nShown: boolean;
  territories: Map<number, { n: number; shown: boolean }>;
  channels: Map<ChannelCell, { n: number; shown: boolean }>;
}

/** A table's total is shown when it is 0 or at least 5. */
export const totalShown = (n: number, threshold = SUPPRESSION_THRESHOLD) => n === 0 || n >= threshold;

/**
 * The pattern of a grid over these territory cells (in display order; cells the grid has and
 * the list lacks are added at the end). The two tables describe the same people, so after each
 * is suppressed on its own, their figures are checked together (`isolatesFew`): while some sum
 * or difference of up to three of them counts exactly 1 to 4 people, one more cell is hidden —
 * a channel cell first (they carry no answers), the smallest shown one.
 */
export function patternOf(grid: GridRow[], territoryCells: number[], threshold = SUPPRESSION_THRESHOLD): Pattern {
  const byTerritory = new Map<number, number>(territoryCells.map((t) => [t, 0]));
  const byChannel = new Map<ChannelCell, number>(CHANNEL_CELLS.map((c) => [c, 0]));
  const cross = new Map<string, { t: number; c: ChannelCell; n: number }>();
  let n = 0;
  for (const row of grid) {
    if (!isBallot(row)) continue;
    const c = channelCell(row);
    n += row[8];
    byTerritory.set(row[0], (byTerritory.get(row[0]) ?? 0) + row[8]);
    byChannel.set(c, byChannel.get(c)! + row[8]);
    const key = `${row[0]}|${c}`;
    cross.set(key, { t: row[0], c, n: (cross.get(key)?.n ?? 0) + row[8] });
  }
  const table = <K>(cells: Map<K, number>, also: Set<K>) => new Map(suppressBreakdown([...cells].map(([key, v]) => ({ key, n: v })), threshold, n, also).map((c) => [c.key, { n: cells.get(c.key)!, shown: c.shown }]));
  const alsoT = new Set<number>();
  const alsoC = new Set<ChannelCell>();
  for (;;) {
    const pattern = { n, nShown: totalShown(n, threshold), territories: table(byTerritory, alsoT), channels: table(byChannel, alsoC) };
    if (threshold === 0 || !pattern.nShown || n === 0 || !isolatesFew(pattern, [...cross.values()].filter((x) => x.n > 0), threshold)) return pattern;
    const smallest = <K>(cells: Map<K, { n: number; shown: boolean }>) => [...cells].filter(([, v]) => v.shown && v.n > 0).sort((a, b) => a[1].n - b[1].n)[0]?.[0];
    const c = smallest(pattern.channels);
    if (c !== undefined) alsoC.add(c);
    else {
      const t = smallest(pattern.territories);
      if (t === undefined) return pattern;
      alsoT.add(t);
    }
  }
}

/**
 * Does some sum or difference of up to three published figures of this pattern (the total,
 * each shown cell, the hidden cells of each table together) count exactly 1 to 4 people? The
 * figures are unions of territory × channel cells, so a combination counts a group exactly
 * when every such cell gets 0 or 1 from it.
 */
export function isolatesFew(p: Pattern, cross: { t: number; c: ChannelCell; n: number }[], threshold = SUPPRESSION_THRESHOLD): boolean {
  const hiddenT = new Set([...p.territories].filter(([, v]) => !v.shown).map(([k]) => k));
  const hiddenC = new Set([...p.channels].filter(([, v]) => !v.shown).map(([k]) => k));
  const terms: Int8Array[] = [cross.map(() => 1)].map((x) => Int8Array.from(x));
  const term = (pred: (x: { t: number; c: ChannelCell }) => boolean) => Int8Array.from(cross.map((x) => (pred(x) ? 1 : 0)));
  for (const [t, v] of p.territories) if (v.shown && v.n > 0) terms.push(term((x) => x.t === t));
  terms.push(term((x) => hiddenT.has(x.t)));
  for (const [c, v] of p.channels) if (v.shown && v.n > 0) terms.push(term((x) => x.c === c));
  terms.push(term((x) => hiddenC.has(x.c)));
  const few = (coefficients: [number, Int8Array][]) => {
    let size = 0;
    for (let i = 0; i < cross.length; i++) {
      let v = 0;
      for (const [k, m] of coefficients) v += k * m[i]!;
      if (v !== 0 && v !== 1) return false;
      size += v * cross[i]!.n;
    }
    return size > 0 && size < threshold;
  };
  const signs = [1, -1];
  for (let i = 0; i < terms.length; i++) {
    if (few([[1, terms[i]!]])) return true;
    for (let j = i + 1; j < terms.length; j++) {
      for (const a of signs) for (const b of signs) if (few([[a, terms[i]!], [b, terms[j]!]])) return true;
      for (let k = j + 1; k < terms.length; k++) for (const a of signs) for (const b of signs) for (const c of signs) if (few([[a, terms[i]!], [b, terms[j]!], [c, terms[k]!]])) return true;
    }
  }
  return false;
}

/** A group of people the published figures describe: some territory cells, or some channel cells. */
type Group = { kind: "territory"; cells: Set<number> } | { kind: "channel"; cells: Set<ChannelCell> };

const inGroup = (g: Group, row: GridRow) => (g.kind === "territory" ? g.cells.has(row[0]) : g.cells.has(channelCell(row)));

/**
 * What a response's change from `a` to `b` does to group `g`: the people it brings in
 * (`joined`), takes out (`left`), and all it moves (`moved`: those, and for a territory group
 * its people when it changes an answer inside the group; answers are not published by channel).
 */
export function movedIn(g: Group, a: GridRow[], b: GridRow[]): { joined: number; left: number; moved: number } {
  let wa = 0;
  let wb = 0;
  const answers = (rows: GridRow[]) =>
    rows
      .filter((r) => !isBallot(r) && inGroup(g, r))
      .map((r) => `${r[4]}:${r[5]}:${r[6]}:${r[7]}:${r[8]}`)
      .sort()
      .join(",");
  for (const r of a) if (isBallot(r) && inGroup(g, r)) wa += r[8];
  for (const r of b) if (isBallot(r) && inGroup(g, r)) wb += r[8];
  const joined = Math.max(0, wb - wa);
  const left = Math.max(0, wa - wb);
  if (g.kind === "channel" || wa !== wb) return { joined, left, moved: Math.max(wa, wb) * (wa !== wb ? 1 : 0) };
  return { joined, left, moved: answers(a) === answers(b) ? 0 : wa };
}

/** One response's logged changes, oldest first, each with the publication that took it in. */
export interface ResponseHistory {
  changes: { seq: number; before: GridRow[]; after: GridRow[] }[];
}

export interface PublicationInput {
  /** Earlier publications, oldest first. */
  published: { seq: number; grid: GridRow[] }[];
  /** The grid that would be published, and its sequence number (the changes it takes in carry it). */
  candidate: { seq: number; grid: GridRow[] };
  histories: ResponseHistory[];
  territoryCells: number[];
  threshold?: number;
}

export type PublicationVerdict = { ok: true } | { ok: false; why: string };

const moves = (m: number, threshold: number) => m === 0 || m >= threshold;

/** A cell whose figure names someone: shown, and not 0 (a 0 is the empty group in any sum). */
const counts = (cell: { n: number; shown: boolean } | undefined) => Boolean(cell?.shown && cell.n > 0);

/**
 * May the candidate be published? For every earlier publication k, and every group that the
 * figures of k or of the candidate single out — each territory cell, each channel cell, the
 * whole, and the hidden cells of each table taken together (what « total minus the shown
 * cells » gives) — the people moved since k must be 0 or at least 5. And a cell no one moved
 * into or out of since the latest publication keeps its shown or hidden state.
 */
export function mayPublish(input: PublicationInput): PublicationVerdict {
  const threshold = input.threshold ?? SUPPRESSION_THRESHOLD;
  if (input.published.length === 0) return { ok: true };
  const now = patternOf(input.candidate.grid, input.territoryCells, threshold);
  const hiddenOf = <K>(cells: Map<K, { shown: boolean }>) => new Set([...cells].filter(([, c]) => !c.shown).map(([k]) => k));
  for (const [index, pub] of input.published.entries()) {
    const then = patternOf(pub.grid, input.territoryCells, threshold);
    // A publication of nobody, or of fewer than 5 people, showed no figure of anyone: every
    // sum or difference with it is one without it.
    if (!then.nShown || then.n === 0) continue;
    const territoryIds = new Set([...now.territories.keys(), ...then.territories.keys()]);
    // Every cell's movement is counted (for the unmoved-cell check below), but a cell hidden or
    // empty both then and now is published only inside the hidden cells taken together.
    const groups: { name: string; g: Group; gated: boolean }[] = [
      { name: "the whole", g: { kind: "territory", cells: territoryIds }, gated: true },
      ...[...territoryIds].map((t) => ({ name: `territory ${t}`, g: { kind: "territory", cells: new Set([t]) } as Group, gated: counts(now.territories.get(t)) || counts(then.territories.get(t)) })),
      ...CHANNEL_CELLS.map((c) => ({ name: `channel ${c}`, g: { kind: "channel", cells: new Set([c]) } as Group, gated: counts(now.channels.get(c)) || counts(then.channels.get(c)) })),
      { name: "hidden territories now", g: { kind: "territory", cells: hiddenOf(now.territories) }, gated: true },
      { name: `hidden territories at ${pub.seq}`, g: { kind: "territory", cells: hiddenOf(then.territories) }, gated: true },
      { name: "hidden channels now", g: { kind: "channel", cells: hiddenOf(now.channels) }, gated: true },
      { name: `hidden channels at ${pub.seq}`, g: { kind: "channel", cells: hiddenOf(then.channels) }, gated: true },
    ];
    // Who came in, who went out, and all who moved: each 0 or at least 5, so that neither the
    // difference of a count nor that of the answers over the same people singles anyone out.
    const moved = new Map<string, number>(groups.map(({ name }) => [name, 0]));
    const joined = new Map<string, number>(groups.map(({ name }) => [name, 0]));
    const left = new Map<string, number>(groups.map(({ name }) => [name, 0]));
    for (const h of input.histories) {
      const since = h.changes.filter((c) => c.seq > pub.seq);
      if (since.length === 0) continue;
      const at = since[0]!.before;
      const current = since[since.length - 1]!.after;
      for (const { name, g } of groups) {
        const m = movedIn(g, at, current);
        moved.set(name, moved.get(name)! + m.moved);
        joined.set(name, joined.get(name)! + m.joined);
        left.set(name, left.get(name)! + m.left);
      }
    }
    for (const { name } of groups.filter((g) => g.gated))
      for (const [what, tally] of [["moved", moved], ["joined", joined], ["left", left]] as const) {
        const m = tally.get(name)!;
        if (!moves(m, threshold)) return { ok: false, why: `${name}: ${m} ${what} since publication ${pub.seq}` };
      }
    if (index === input.published.length - 1) {
      for (const [t, cell] of now.territories) {
        const before = then.territories.get(t);
        if (before && before.shown !== cell.shown && !moved.get(`territory ${t}`)) return { ok: false, why: `territory ${t} would change state unmoved` };
      }
      for (const [c, cell] of now.channels) if (then.channels.get(c)!.shown !== cell.shown && !moved.get(`channel ${c}`)) return { ok: false, why: `channel ${c} would change state unmoved` };
    }
  }
  return { ok: true };
}

/** Counter rows (shards added up) as grid rows, in a fixed order. */
export function toGrid(rows: { territory_id: number; channel: string; entry_mode: string; named: boolean; question_id: number; option_id: number; rank: number; value: number; n: number }[]): GridRow[] {
  return rows
    .filter((r) => r.n !== 0)
    .map((r): GridRow => [r.territory_id, r.channel, r.entry_mode, r.named, r.question_id, r.option_id, r.rank, r.value, r.n])
    .sort((a, b) => {
      for (let i = 0; i < 8; i++) if (a[i] !== b[i]) return String(a[i]) < String(b[i]) ? -1 : 1;
      return 0;
    });
}

/** Grid rows back as counter rows, for the results code. */
export function fromGrid(grid: GridRow[]) {
  return grid.map(([territory_id, channel, entry_mode, named, question_id, option_id, rank, value, n]) => ({ territory_id, channel, entry_mode, named, question_id, option_id, rank, value, n }));
}
