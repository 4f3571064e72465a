import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { CODE_ALPHABET, CODE_BITS, checkPin, codeRefusal, formatCode, generateCode, identifierFor, normalizeCode, normalizeIdentifier } from "./rules.js";

test("codes carry at least 40 bits, in an alphabet without look-alikes", () => {
  assert.ok(CODE_BITS >= 40, `${CODE_BITS} bits`);
  for (const ch of "01OIL") assert.ok(!CODE_ALPHABET.includes(ch), ch);
  const bytes = randomBytes(4096);
  let i = 0;
  const codes = Array.from({ length: 200 }, () => generateCode(() => bytes[i++ % bytes.length]!));
  for (const c of codes) assert.match(c, /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{10}$/);
});

test("codes print in groups and are accepted however they are typed", () => {
  assert.equal(formatCode("ABCDEFGHJK"), "ABCD-EFGH-JK");
  assert.equal(normalizeCode("abcd efgh jk"), "ABCDEFGHJK");
  assert.equal(normalizeCode(" abcd-efgh-jk "), "ABCDEFGHJK");
  assert.equal(normalizeCode("ABCD–EFGH–J2"), "ABCDEFGHJ2");
  // Arabic-Indic digits (٢ = 2, ٩ = 9) and Eastern ones (۳ = 3).
  assert.equal(normalizeCode("abcd-efgh-٢٩"), "ABCDEFGH29");
  assert.equal(normalizeCode("abcd-efgh-۳۳"), "ABCDEFGH33");
  assert.equal(normalizeCode("ABCD-EFGH-J0"), null, "0 is not in the alphabet");
  assert.equal(normalizeCode("ABCD-EFGH"), null);
});

test("identifiers are short, readable and from the place", () => {
  assert.equal(identifierFor("Gagarine", 4821), "gagarine-4821");
  assert.equal(identifierFor("Mouchotte-Normandie Niemen", 7), "mouchottenorma-0007");
  assert.equal(normalizeIdentifier(" Gagarine-٤٨٢١ "), "gagarine-4821");
});

test("a PIN is 6 digits and not trivially guessed", () => {
  assert.equal(checkPin("482913"), null);
  assert.equal(checkPin("٤٨٢٩١٣"), null);
  assert.equal(checkPin("12345"), "format");
  assert.equal(checkPin("12a456"), "format");
  assert.equal(checkPin("000000"), "trivial");
  assert.equal(checkPin("123456"), "trivial");
  assert.equal(checkPin("654321"), "trivial");
});

test("why a code is refused", () => {
  const now = new Date("2026-06-01T10:00:00Z");
  const later = new Date("2026-07-01T00:00:00Z");
  assert.equal(codeRefusal(undefined, now), "unknown");
  assert.equal(codeRefusal({ redeemed_at: now, revoked_at: null, expires_at: later }, now), "spent");
  assert.equal(codeRefusal({ redeemed_at: null, revoked_at: now, expires_at: later }, now), "revoked");
  assert.equal(codeRefusal({ redeemed_at: null, revoked_at: null, expires_at: now }, now), "expired");
  assert.equal(codeRefusal({ redeemed_at: null, revoked_at: null, expires_at: later }, now), null);
});
