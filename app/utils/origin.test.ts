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

test("a redirect target with a control character, or one the URL parser reads elsewhere, is refused", () => {
  for (const target of ["/\t/evil.example", "/\n/evil.example", "/\r\n//evil.example", "/\u0000/evil.example", "/\u007f/x", "/\u2028/x", "/%09/evil.example/../", "/.//evil.example", "/./\\evil.example", "/\\/evil.example", "/。/evil.example"]) {
    const kept = safeRedirectPath(target, "FALLBACK");
    if (kept === "FALLBACK") continue;
    // Whatever is kept must land on this site once a browser resolves it.
    assert.equal(new URL(kept, "https://parlons.example").origin, "https://parlons.example", JSON.stringify(target));
    assert.equal(kept, target, JSON.stringify(target));
  }
  assert.equal(safeRedirectPath("/\t/evil.example"), "/");
  assert.equal(safeRedirectPath("/\n/evil.example"), "/");
  assert.equal(safeRedirectPath("/.//evil.example"), "/");
  assert.equal(safeRedirectPath("/compte?suite=%2Fx#haut"), "/compte?suite=%2Fx#haut");
  assert.equal(safeRedirectPath("/quartiers/3"), "/quartiers/3");
});
