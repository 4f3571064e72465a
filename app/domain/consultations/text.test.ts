import assert from "node:assert/strict";
import { test } from "node:test";
import { pickVersion, speechParts } from "./text.js";

test("FALC when on and present; the reader's language when present; else French", () => {
  const v = { fr: "Classement des priorités", falc: "Choisissez ce qui compte", en: "Ranking the priorities", ar: null };
  assert.deepEqual(pickVersion(v, "fr", true), { text: "Choisissez ce qui compte", lang: "fr" });
  assert.deepEqual(pickVersion(v, "en", false), { text: "Ranking the priorities", lang: "en" });
  assert.deepEqual(pickVersion(v, "ar", false), { text: "Classement des priorités", lang: "fr" });
  assert.deepEqual(pickVersion({ fr: "x", falc: "  " }, "fr", true), { text: "x", lang: "fr" });
});

test("« Écouter » reads each passage in the language it is shown in", () => {
  const page = { lng: "ar", option: "الاختيار" };
  assert.deepEqual(
    speechParts({ text: "Qu'est-ce qui compte  le plus ?", lang: "fr" }, "رتّب اختياراتك المفضّلة الـ 3.", [{ text: "Le sport", lang: "fr" }, { text: "القراءة ", lang: "ar" }], page),
    [
      { text: "Qu'est-ce qui compte le plus ?", lang: "fr" },
      { text: "رتّب اختياراتك المفضّلة الـ 3.", lang: "ar" },
      { text: "1 : Le sport.", lang: "fr" },
      { text: "الاختيار 2 : القراءة.", lang: "ar" },
    ],
  );
  assert.deepEqual(speechParts({ text: "Êtes-vous satisfait ?", lang: "fr" }, null, [], { lng: "fr", option: "Choix" }), [{ text: "Êtes-vous satisfait ?", lang: "fr" }]);
});
