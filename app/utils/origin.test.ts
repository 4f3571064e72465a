import assert from "node:assert/strict";
import { test } from "node:test";
import { isCrossSiteWrite, safeRedirectPath } from "./origin.js";

const host = "quartier.example:3000";

test("reads are never refused", () => {
  assert.equal(isCrossSiteWrite({ method: "GET", host, secFetchSite: "cross-site", origin: "https://evil.example" }), false);
});

test("Sec-Fetch-Site: cross-site refuses a write", () => {
  assert.equal(isCrossSiteWrite({ method: "POST", host, secFetchSite: "cross-site" }), true);
  assert.equal(isCrossSiteWrite({ method: "POST", host, secFetchSite: "same-origin", origin: `http://${host}` }), false);
});

test("a present foreign Origin refuses a write, even without Sec-Fetch-Site (old phones)", () => {
  assert.equal(isCrossSiteWrite({ method: "POST", host, origin: "https://evil.example" }), true);
  assert.equal(isCrossSiteWrite({ method: "POST", host, origin: "null" }), true);
  assert.equal(isCrossSiteWrite({ method: "POST", host, origin: `http://${host}` }), false);
});

test("failing both, a foreign Referer refuses; nothing at all passes", () => {
  assert.equal(isCrossSiteWrite({ method: "POST", host, referer: "https://evil.example/form" }), true);
  assert.equal(isCrossSiteWrite({ method: "POST", host, referer: `http://${host}/quartiers/1` }), false);
  assert.equal(isCrossSiteWrite({ method: "POST", host }), false);
});

test("redirect targets stay on this site", () => {
  assert.equal(safeRedirectPath("/quartiers/3?x=1"), "/quartiers/3?x=1");
  assert.equal(safeRedirectPath("//evil.example"), "/");
  assert.equal(safeRedirectPath("https://evil.example"), "/");
  assert.equal(safeRedirectPath("/\\evil.example"), "/");
  assert.equal(safeRedirectPath(null, "/x"), "/x");
});
