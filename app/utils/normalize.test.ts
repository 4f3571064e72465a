import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeForSearch } from "./normalize.js";

test("search text drops case, accents, dashes, spaces and apostrophes", () => {
  assert.equal(normalizeForSearch("Beau-Marais"), "beaumarais");
  assert.equal(normalizeForSearch("Le Beau Marais"), "lebeaumarais");
  assert.equal(normalizeForSearch("Crèvecœur / Curie"), "crevecoeurcurie");
  assert.equal(normalizeForSearch("Nielles-lès-Calais"), "niellesle" + "scalais");
  assert.equal(normalizeForSearch("L'Œuvre d’Éveil"), "loeuvredeveil");
  assert.equal(normalizeForSearch("  ÉCOLE  "), "ecole");
});

test("queries and stored names meet whatever the spelling", () => {
  for (const [query, name] of [
    ["beaumarais", "Beau Marais"],
    ["crevecoeur", "Crèvecœur / Curie"],
    ["fort-nieulay", "Fort Nieulay - Cailloux - Saint Pierre"],
    ["GAUGUIN matisse", "Gauguin-Matisse"],
  ])
    assert.ok(normalizeForSearch(name).includes(normalizeForSearch(query)), `${query} → ${name}`);
});
