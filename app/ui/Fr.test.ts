// Which language a passage is marked with: staff versions by their field, residents' texts by their script.
import assert from "node:assert/strict";
import { test } from "node:test";
import { langAttrs, writtenLang } from "./Fr.js";

test("a resident's text is Arabic when most of its letters are Arabic, French otherwise", () => {
  assert.equal(writtenLang("نريد مقاعد وظلاً للعائلات"), "ar");
  assert.equal(writtenLang("Des bancs à l'ombre, s'il vous plaît"), "fr");
  assert.equal(writtenLang("Benches in the shade please"), "fr");
  // Mixed: the script most of the letters are in wins.
  assert.equal(writtenLang("نريد مقاعد في square Gagarine للعائلات والأطفال"), "ar");
  assert.equal(writtenLang("Un terrain de foot près de l'école (ملعب)"), "fr");
  // Arabic-Indic digits and punctuation alone are not letters.
  assert.equal(writtenLang("١٢٣ ؟"), "fr");
  assert.equal(writtenLang(""), "fr");
});

test("a passage says its language only when it differs from the page's, and its direction when that changes", () => {
  assert.deepEqual(langAttrs("fr", "fr"), {});
  assert.deepEqual(langAttrs("ar", "fr"), { lang: "ar", dir: "rtl" });
  assert.deepEqual(langAttrs("fr", "ar"), { lang: "fr", dir: "ltr" });
  assert.deepEqual(langAttrs("fr", "en"), { lang: "fr" });
});
