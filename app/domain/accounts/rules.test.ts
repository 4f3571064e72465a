import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { randomInt } from "node:crypto";
import { CODE_ALPHABET, CODE_BITS, checkPin, countAllowedPins, drawPin, isDatePin, isKeypadPin, isRepeatPin, isSequencePin, typedPin, codeRefusal, formatCode, generateCode, identifierFor, normalizeCode, normalizeIdentifier } from "./rules.js";

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
  assert.equal(checkPin("735164"), null, "the demo PINs stay valid");
  assert.equal(checkPin("٤٨٢٩١٣"), null);
  assert.equal(checkPin("12345"), "format");
  assert.equal(checkPin("12a456"), "format");
  assert.equal(checkPin("000000"), "trivial");
  assert.equal(checkPin("123456"), "trivial");
  assert.equal(checkPin("654321"), "trivial");
});

test("weak PINs are refused: dates, repeats, sequences, keypad shapes, well-known numbers", () => {
  const weak = {
    dates: ["150387", "290200", "311299", "010100", "870315", "031587", "121990", "199012", "251224"],
    repeats: ["121212", "112233", "123123", "111222", "123321", "100001", "707077", "907709", "555505"],
    sequences: ["234567", "890123", "135791", "975319", "024680", "123789", "654123", "789321"],
    keypad: ["147258", "258369", "159357", "789456", "142536", "123654", "147852", "741852", "963852", "258085"],
    wellKnown: ["112358", "314159", "271828", "142857", "102030", "246810"],
  };
  for (const [kind, pins] of Object.entries(weak)) for (const pin of pins) assert.equal(checkPin(pin), "trivial", `${kind}: ${pin}`);
  assert.ok(isDatePin("150387") && isRepeatPin("112233") && isSequencePin("890123") && isKeypadPin("142536"));
  for (const pin of ["482913", "735164", "246813", "135792", "381946", "735163"]) assert.equal(checkPin(pin), null, pin);
});

test("the allowed PINs number 895 714 (decision 0018), and a drawn PIN is always one of them", () => {
  assert.equal(countAllowedPins(), 895_714);
  let next = 0;
  const fixed = [0, 123456, 150387, 482913]; // weak ones first: the draw goes on to the next
  assert.equal(drawPin(() => fixed[next++]!), "482913");
  for (let i = 0; i < 200; i++) assert.equal(checkPin(drawPin((n) => randomInt(n))), null);
  assert.equal(typedPin(" ٤٨٢ ٩١٣ "), "482913");
  assert.equal(typedPin("48291"), null);
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
