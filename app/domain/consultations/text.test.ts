import assert from "node:assert/strict";
import { test } from "node:test";
import { pickVersion, speechText } from "./text.js";

test("FALC when on and present; the reader's language when present; else French", () => {
  const v = { fr: "Classement des priorités", falc: "Choisissez ce qui compte", en: "Ranking the priorities", ar: null };
  assert.deepEqual(pickVersion(v, "fr", true), { text: "Choisissez ce qui compte", lang: "fr" });
  assert.deepEqual(pickVersion(v, "en", false), { text: "Ranking the priorities", lang: "en" });
  assert.deepEqual(pickVersion(v, "ar", false), { text: "Classement des priorités", lang: "fr" });
  assert.deepEqual(pickVersion({ fr: "x", falc: "  " }, "fr", true), { text: "x", lang: "fr" });
});

test("the text « Écouter » will speak", () => {
  const words = { option: "Choix", scale: "Répondez de 1 à 5.", rankHint: "Classez vos {{n}} préférés." };
  assert.equal(
    speechText({ prompt: "Qu'est-ce qui compte  le plus ?", kind: "ranking", topN: 3 }, ["Le sport", "La lecture "], words),
    "Qu'est-ce qui compte le plus ? Classez vos 3 préférés. Choix 1 : Le sport. Choix 2 : La lecture.",
  );
  assert.equal(speechText({ prompt: "Êtes-vous satisfait ?", kind: "scale" }, [], words), "Êtes-vous satisfait ? Répondez de 1 à 5.");
});
