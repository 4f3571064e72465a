// Pure rules for the ways in: invitation codes, identifiers, PINs, residents' details.
import { normalizeForSearch } from "../../utils/normalize.js";
import { pickVersion } from "../consultations/text.js";

/** No look-alikes: no 0/O, no 1/I/L. 31 symbols, 10 of them: 49.5 bits. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 10;
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

/** A code from a source of random bytes, uniform over the alphabet (rejection sampling). */
export function generateCode(randomByte: () => number): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = "";
  while (out.length < CODE_LENGTH) {
    const b = randomByte();
    if (b < limit) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  }
  return out;
}

/** Printed in groups: ABCD-EFGH-JK. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Western digits for Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) ones. */
export function westernDigits(input: string): string {
  return input.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** What a resident typed → the stored code, or null. Lower case, spaces, dashes and Arabic-Indic digits are fine. */
export function normalizeCode(input: string): string | null {
  const compact = westernDigits(input).toUpperCase().replace(/[\s\-‐-―_.·]/g, "");
  if (compact.length !== CODE_LENGTH) return null;
  for (const ch of compact) if (!CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

/** A short identifier to write on the card: « gagarine-4821 ». */
export function identifierFor(placeName: string, fourDigits: number): string {
  const slug = normalizeForSearch(placeName).replace(/[^a-z0-9]/g, "").slice(0, 14) || "habitant";
  return `${slug}-${String(fourDigits).padStart(4, "0")}`;
}

export function normalizeIdentifier(input: string): string {
  return westernDigits(input).trim().toLowerCase().replace(/\s+/g, "");
}

/** A French or international phone number in one form: +33612345678. Null when it is not one. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  let out = compact;
  if (/^0\d{9}$/.test(compact)) out = `+33${compact.slice(1)}`;
  else if (/^00\d{8,15}$/.test(compact)) out = `+${compact.slice(2)}`;
  return /^\+\d{8,15}$/.test(out) ? out : null;
}

export type PinProblem = "format" | "trivial";
export const PIN_LENGTH = 6;

/** A phone keypad: 1 2 3 / 4 5 6 / 7 8 9 / _ 0 _, as [row, column]. */
const KEYPAD: Record<string, readonly [number, number]> = { "1": [0, 0], "2": [0, 1], "3": [0, 2], "4": [1, 0], "5": [1, 1], "6": [1, 2], "7": [2, 0], "8": [2, 1], "9": [2, 2], "0": [3, 1] };
/** Three keys in a line of the keypad (rows, columns, diagonals), both ways. */
const KEYPAD_LINES = new Set(["123", "456", "789", "147", "258", "369", "580", "159", "357"].flatMap((l) => [l, [...l].reverse().join("")]));
/** Runs of three: 123, 890, 901, 321, 098… */
const isRun3 = (s: string) => [1, 9].some((step) => (Number(s[0]) + step) % 10 === Number(s[1]) && (Number(s[1]) + step) % 10 === Number(s[2]));
/** Well-known numbers and a few shapes the rules below miss: Fibonacci, π, e, √2, φ, 1/7, counting by 10 or by 2. */
const COMMON_PINS = new Set(["112358", "314159", "271828", "141421", "161803", "142857", "102030", "010203", "100200", "123000", "000123", "246810", "135790", "135791", "102938", "192837", "147369", "963741", "124578", "235689", "147896", "159630", "121314", "111213"]);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isDay = (dd: string, mm: string) => Number(mm) >= 1 && Number(mm) <= 12 && Number(dd) >= 1 && Number(dd) <= DAYS_IN_MONTH[Number(mm) - 1]!;
const isMonth = (mm: string) => Number(mm) >= 1 && Number(mm) <= 12;
const isYear4 = (yyyy: string) => Number(yyyy) >= 1900 && Number(yyyy) <= 2099;

/** A plausible date: DDMMYY, MMDDYY, YYMMDD (any year, 29 February included), MMYYYY or YYYYMM (1900–2099). */
export function isDatePin(p: string): boolean {
  const [a, b, c] = [p.slice(0, 2), p.slice(2, 4), p.slice(4, 6)];
  return isDay(a, b) || isDay(b, a) || isDay(c, b) || (isMonth(p.slice(0, 2)) && isYear4(p.slice(2))) || (isYear4(p.slice(0, 4)) && isMonth(p.slice(4)));
}

/** Repeats: a digit 4 times or more, ababab, abcabc, aabbcc, aaabbb, abccba. */
export function isRepeatPin(p: string): boolean {
  const counts = new Map<string, number>();
  for (const d of p) counts.set(d, (counts.get(d) ?? 0) + 1);
  if (Math.max(...counts.values()) >= 4) return true;
  const d = [...p];
  if (d.every((x, i) => i < 2 || x === d[i - 2])) return true;
  if (d.every((x, i) => i < 3 || x === d[i - 3])) return true;
  if (d[0] === d[1] && d[2] === d[3] && d[4] === d[5]) return true;
  if (d[0] === d[1] && d[1] === d[2] && d[3] === d[4] && d[4] === d[5]) return true;
  return p === [...p].reverse().join("");
}

/** Sequences: any step, wrapping past 9 (123456, 135791, 975319, 890123), or two runs of three (123789, 654123). */
export function isSequencePin(p: string): boolean {
  const d = [...p].map(Number);
  const step = (d[1]! - d[0]! + 10) % 10;
  if (d.every((x, i) => i === 0 || (x - d[i - 1]! + 10) % 10 === step)) return true;
  return isRun3(p.slice(0, 3)) && isRun3(p.slice(3));
}

/** Keypad shapes: two lines of the keypad (147258, 789456, 159357), or six different keys each next to the one before (142536, 123654). */
export function isKeypadPin(p: string): boolean {
  if (KEYPAD_LINES.has(p.slice(0, 3)) && KEYPAD_LINES.has(p.slice(3))) return true;
  if (new Set(p).size !== p.length) return false;
  for (let i = 1; i < p.length; i++) {
    const [r1, c1] = KEYPAD[p[i - 1]!]!;
    const [r2, c2] = KEYPAD[p[i]!]!;
    if (Math.max(Math.abs(r1 - r2), Math.abs(c1 - c2)) !== 1) return false;
  }
  return true;
}

/** A PIN is 6 digits and none of: a date, a repeat, a sequence, a keypad shape, a well-known number (decision 0018). */
export function checkPin(pin: string): PinProblem | null {
  const p = westernDigits(pin).trim();
  if (!/^\d{6}$/.test(p)) return "format";
  if (COMMON_PINS.has(p) || isRepeatPin(p) || isSequencePin(p) || isKeypadPin(p) || isDatePin(p)) return "trivial";
  return null;
}

/** What was typed, read as a PIN: Arabic-Indic digits and spaces are fine. Null when it is not 6 digits. */
export function typedPin(secret: string): string | null {
  const p = westernDigits(secret).replace(/\s/g, "");
  return /^\d{6}$/.test(p) ? p : null;
}

/** How many 6-digit PINs checkPin allows (the PIN space of decision 0018). */
export function countAllowedPins(): number {
  let n = 0;
  for (let i = 0; i < 10 ** PIN_LENGTH; i++) if (checkPin(String(i).padStart(PIN_LENGTH, "0")) === null) n++;
  return n;
}

/** A PIN drawn uniformly among the allowed ones: `randomBelow(n)` must be uniform on 0..n-1. */
export function drawPin(randomBelow: (n: number) => number): string {
  for (;;) {
    const p = String(randomBelow(10 ** PIN_LENGTH)).padStart(PIN_LENGTH, "0");
    if (checkPin(p) === null) return p;
  }
}

export const AGE_BANDS = ["moins_15", "15_17", "18_24", "25_39", "40_59", "60_74", "75_plus", "non_dit"] as const;
export const GENDERS = ["femme", "homme", "autre", "non_dit"] as const;

export type RedeemRefusal = "unknown" | "spent" | "revoked" | "expired";
/** Why a code cannot be redeemed now, or null when it can. */
export function codeRefusal(code: { redeemed_at: Date | null; revoked_at: Date | null; expires_at: Date } | undefined, now: Date): RedeemRefusal | null {
  if (!code) return "unknown";
  if (code.redeemed_at) return "spent";
  if (code.revoked_at) return "revoked";
  if (code.expires_at.getTime() <= now.getTime()) return "expired";
  return null;
}

/** How long a staff, council or moderator invitation link stays valid (shown on the page). */
export const INVITATION_DAYS = 14;

/** How long a recovery code given at a desk stays valid (shown to staff). */
export const RECOVERY_HOURS = 48;

/** A place that hands out invitation cards: a batch's help text (where, when, a phone), never its codes. */
export interface CardDesk {
  /** Whom the batch's cards are for: a sous-secteur, a QPV or a secteur de vigilance. */
  territoryName: string;
  /** That sous-secteur's QPV. */
  qpvName: string | null;
  epciName: string;
  help: { fr: string; falc: string | null; en: string | null; ar: string | null };
  /** For the quartier asked about, rather than elsewhere in its EPCI. */
  here: boolean;
}

/** A desk as a page shows it: the help text in the reader's version (easy-read, their language, else French). */
export interface DeskItem {
  place: string;
  qpv: string | null;
  epci: string;
  help: { text: string; lang: "fr" | "en" | "ar" };
  here: boolean;
}

export function deskItems(desks: CardDesk[], lng: string, falc: boolean): DeskItem[] {
  return desks.map((d) => ({ place: d.territoryName, qpv: d.qpvName, epci: d.epciName, help: pickVersion(d.help, lng, falc), here: d.here }));
}

// A French phone number as people write it: 03 21 00 00 00, 03.21.00.00.00, 0321000000, +33 3 21 00 00 00.
const PHONE = /(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}/g;

/** A help text cut around its phone numbers, each with the number to call (tel:), so a phone can dial it. */
export function splitPhones(text: string): { text: string; tel?: string }[] {
  const out: { text: string; tel?: string }[] = [];
  let last = 0;
  for (const m of text.matchAll(PHONE)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    const digits = m[0].replace(/[\s.-]/g, "");
    out.push({ text: m[0], tel: digits.startsWith("+33") ? digits : `+33${digits.slice(1)}` });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** Printed cards are in French, and in a second language when staff choose it (`?langue=ar`). */
export const CARD_SECOND_LANGUAGES = ["ar", "en"] as const;
export type CardSecondLanguage = (typeof CARD_SECOND_LANGUAGES)[number];

/** The print page's `langue`: none or "fr" → French only; "ar" or "en" → French and that one; anything else is refused. */
export function readCardLanguage(raw: string | null): { ok: true; value: CardSecondLanguage | null } | { ok: false } {
  if (raw === null || raw === "" || raw === "fr") return { ok: true, value: null };
  return (CARD_SECOND_LANGUAGES as readonly string[]).includes(raw) ? { ok: true, value: raw as CardSecondLanguage } : { ok: false };
}

/** The address a resident types, as printed: the public address without its scheme, then /code. */
export function typedAddress(publicUrl: string): string {
  return `${publicUrl.replace(/^https?:\/\//, "")}/code`;
}

/** On a card in two languages, each version of the help text has room for this many characters (one language: the 200 of the field). */
export const CARD_HELP_BILINGUAL_MAX = 130;
