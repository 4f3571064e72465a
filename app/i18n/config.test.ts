import assert from "node:assert/strict";
import { test } from "node:test";
import { fromAcceptLanguage, resolveLanguage } from "./config.js";

test("the first visit follows Accept-Language", () => {
  assert.equal(fromAcceptLanguage("ar-MA,ar;q=0.9,fr;q=0.8"), "ar");
  assert.equal(fromAcceptLanguage("de-DE,en-GB;q=0.8,fr;q=0.9"), "fr");
  assert.equal(fromAcceptLanguage("de-DE"), null);
  assert.equal(resolveLanguage({ acceptLanguage: "en-US,en;q=0.9" }).lng, "en");
  assert.equal(resolveLanguage({}).lng, "fr");
});

test("?lng= wins and is remembered; the cookie wins over the header", () => {
  assert.deepEqual(resolveLanguage({ query: "ar", cookie: "en", acceptLanguage: "fr" }), { lng: "ar", remember: true });
  assert.deepEqual(resolveLanguage({ query: "xx", cookie: "en", acceptLanguage: "ar" }), { lng: "en", remember: false });
});
