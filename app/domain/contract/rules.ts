// Pure decisions about a contract's content, shared by pages and tests.
import { normalizeForSearch } from "../../utils/normalize.js";

export interface TreeRow {
  id: number;
  code: string;
  kind: string;
  parentId: number | null;
  title: string;
  withdrawn: boolean;
}
export interface TreeNode extends TreeRow {
  children: TreeNode[];
  /** Set when a search is active: this node's own title matched. */
  matched: boolean;
}

/** Builds the objective tree (rows in display order). With a query, keeps matching nodes and their ancestors. */
export function buildObjectiveTree(rows: TreeRow[], query?: string | null): { roots: TreeNode[]; matches: number } {
  const q = query ? normalizeForSearch(query) : "";
  const nodes = new Map<number, TreeNode>(rows.map((r) => [r.id, { ...r, children: [], matched: q !== "" && normalizeForSearch(r.title).includes(q) }]));
  const roots: TreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId !== null ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  let matches = 0;
  for (const n of nodes.values()) if (n.matched) matches++;
  if (!q) return { roots, matches: 0 };
  const prune = (list: TreeNode[]): TreeNode[] =>
    list
      .map((n) => ({ ...n, children: prune(n.children) }))
      .filter((n) => n.matched || n.children.length > 0);
  return { roots: prune(roots), matches };
}

/** Distinct non-empty summaries, in order: an area's summary is shown once even when each priority repeats it. */
export function distinctSummaries(summaries: (string | null)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of summaries) {
    const t = s?.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}
