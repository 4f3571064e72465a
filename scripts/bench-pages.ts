// npm run bench:pages — what a phone downloads, and how long `npm start` takes on PGlite.
// Starts the real server on a fresh embedded database (cold: migrate + demo import), then
// again on the same data (warm). Prints a report and one BENCH line per figure.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { startServer } from "../server/testing.js";

const bench = (name: string, value: number, unit: string) => console.log(`BENCH ${JSON.stringify({ name, value, unit })}`);

async function timedStart(dataDir: string) {
  const t0 = performance.now();
  const server = await startServer({ DATABASE_URL: undefined, DATA_DIR: dataDir });
  const res = await fetch(`${server.url}/`);
  await res.text();
  return { server, ms: Math.round(performance.now() - t0) };
}

/** Bytes on the wire as the server sends them to a browser that accepts gzip (body only). */
let cookie = "";
function wireBytes(url: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
        resolve({ bytes: raw.length, body });
      });
    }).on("error", reject);
  });
}

async function pageWeight(base: string, pagePath: string) {
  const html = await wireBytes(`${base}${pagePath}`);
  const css = [...html.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const js = [...new Set([...html.body.matchAll(/<(?:script[^>]+src|link rel="modulepreload" href)="([^"]+)"/g)].map((m) => m[1]!))];
  const inlineJs = [...html.body.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + m[1]!.length, 0);
  let cssBytes = 0;
  for (const href of css) cssBytes += (await wireBytes(`${base}${href}`)).bytes;
  let jsBytes = 0;
  for (const src of js) jsBytes += (await wireBytes(`${base}${src}`)).bytes;
  // Module scripts import others: follow the import graph the browser would.
  const seen = new Set(js);
  const queue = [...js];
  while (queue.length) {
    const src = queue.pop()!;
    const code = await (await fetch(`${base}${src}`)).text();
    for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      const next = new URL(m[1]!, `${base}${src}`).pathname;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
        jsBytes += (await wireBytes(`${base}${next}`)).bytes;
      }
    }
  }
  return { html: html.bytes, css: cssBytes, js: jsBytes, jsFiles: seen.size, inlineJsChars: inlineJs };
}

const dir = mkdtempSync(path.join(tmpdir(), "pq-bench-"));
try {
  const cold = await timedStart(path.join(dir, "pglite"));
  const home = await pageWeight(cold.server.url, "/");
  const objective = await pageWeight(cold.server.url, "/contrats/calais-2024-2030/objectifs/A1-OS1-OO5");
  // The answer page, as the demo resident of Gagarine sees it (signed in through the log-in form).
  const login = await fetch(`${cold.server.url}/connexion`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: cold.server.url },
    body: "login=gagarine-0001&secret=482913",
  });
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const answer = await pageWeight(cold.server.url, "/consultations/1");
  if (!/rank-row/.test((await wireBytes(`${cold.server.url}/consultations/1`)).body)) throw new Error("the answer form did not render: not signed in?");
  cookie = "";
  await cold.server.stop();
  const warm = await timedStart(path.join(dir, "pglite"));
  await warm.server.stop();

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log("Parlons Quartier — page weight and start-up (PGlite)");
  console.log(`  npm start → first page, fresh database (migrate + import Calais): ${cold.ms} ms`);
  console.log(`  npm start → first page, existing database:                        ${warm.ms} ms`);
  for (const [name, w] of [["home /", home], ["objective page", objective], ["answer page", answer]] as const)
    console.log(`  ${name.padEnd(16)} gzip: HTML ${kb(w.html)}, CSS ${kb(w.css)}, JS ${kb(w.js)} in ${w.jsFiles} files (HTML+CSS ${kb(w.html + w.css)})`);
  bench("start_first_page_cold_ms", cold.ms, "ms");
  bench("start_first_page_warm_ms", warm.ms, "ms");
  bench("home_html_gzip_bytes", home.html, "bytes");
  bench("home_css_gzip_bytes", home.css, "bytes");
  bench("home_js_gzip_bytes", home.js, "bytes");
  bench("objective_html_gzip_bytes", objective.html, "bytes");
  bench("objective_css_gzip_bytes", objective.css, "bytes");
  bench("objective_js_gzip_bytes", objective.js, "bytes");
  bench("answer_html_css_gzip_bytes", answer.html + answer.css, "bytes");
  bench("answer_js_gzip_bytes", answer.js, "bytes");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
