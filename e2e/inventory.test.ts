// Every file under app/routes is in the page inventory, and every HTML route lists a page.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROUTES } from "./inventory.js";

const routesDir = path.resolve(import.meta.dirname, "../app/routes");
const routeFiles = readdirSync(routesDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(tsx?|jsx?)$/.test(e.name) && !e.name.includes(".test."))
  .map((e) => path.relative(routesDir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)));

test("every route file is in the page inventory", () => {
  const missing = routeFiles.filter((f) => !(f in ROUTES));
  assert.deepEqual(missing, [], "add these to e2e/inventory.ts");
});

test("the inventory names no route file that does not exist", () => {
  assert.deepEqual(Object.keys(ROUTES).filter((f) => !routeFiles.includes(f)), []);
});

test("every route that serves HTML lists at least one page", () => {
  for (const [file, route] of Object.entries(ROUTES)) if (route.html) assert.ok(route.pages.length > 0, file);
});
