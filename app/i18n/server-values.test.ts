// A value imported from a `*.server` module exists only on the server: in a component it is
// right in the server's HTML and `undefined` once the page hydrates (« pendant jours » on
// /staff/invitations, « au plus ) » on /bulletins). In every route and ui file, such a value
// may appear only inside `loader`, `action` and the server-only helpers they call, never in
// the code that renders.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "../..");

/** The text of the function declared at `start` (from its first `{` to the matching `}`). */
function bodyFrom(source: string, start: number): { end: number } {
  let depth = 0;
  let began = false;
  for (let i = source.indexOf("{", source.indexOf(")", start)); i < source.length; i++) {
    const c = source[i];
    if (c === "{") (depth++, (began = true));
    else if (c === "}") {
      depth--;
      if (began && depth === 0) return { end: i + 1 };
    }
  }
  return { end: source.length };
}

test("components never use a value imported from a *.server module", () => {
  const problems: string[] = [];
  const files = ["app/routes", "app/ui"].flatMap((dir) => (readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".tsx")).map((f) => path.join(root, dir, f)));
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const serverNames = new Set<string>();
    for (const m of source.matchAll(/^import\s+\{([^}]*)\}\s+from\s+"[^"]*\.server(?:\.js)?";/gm))
      for (const part of m[1]!.split(",")) {
        const p = part.trim();
        if (!p || p.startsWith("type ")) continue;
        serverNames.add(p.split(/\s+as\s+/).pop()!.trim());
      }
    if (serverNames.size === 0) continue;
    // Drop the imports, and every function that runs only on the server: loader, action, and
    // the functions they alone call (named in `*.server`-only helpers, declared before them).
    let rest = source.replace(/^import[\s\S]*?;$/gm, "");
    for (const name of ["loader", "action"]) {
      const m = rest.match(new RegExp(`export (?:async )?function ${name}\\b`));
      if (!m) continue;
      const { end } = bodyFrom(rest, m.index!);
      rest = rest.slice(0, m.index!) + rest.slice(end);
    }
    // An async function is never a component: the loader's helpers go too.
    for (let m = rest.match(/^(?:export )?async function \w+/m); m; m = rest.match(/^(?:export )?async function \w+/m)) {
      const { end } = bodyFrom(rest, m.index!);
      rest = rest.slice(0, m.index!) + rest.slice(end);
    }
    for (const name of serverNames) {
      // A local of the same name (the loader's data, destructured) is not the import.
      const shadowed = new RegExp(`(?:const|let)\\s*(?:\\{[^}]*(?<![\\w.])${name}(?![\\w:])[^}]*\\}|${name}\\b)\\s*=`).test(rest);
      if (!shadowed && new RegExp(`(?<![\\w.])${name}(?![\\w])`).test(rest)) problems.push(`${path.relative(root, file)}: ${name}`);
    }
  }
  assert.deepEqual(problems, []);
});
