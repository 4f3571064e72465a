// Pure rules for the ways in: invitation codes, identifiers, PINs, residents' details.
import { normalizeForSearch } from "../../utils/normalize.js";

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

export type PinProblem = "format" | "trivial";
/** A PIN is 6 digits, not all the same and not a run like 123456. */
export function checkPin(pin: string): PinProblem | null {
  const p = westernDigits(pin).trim();
  if (!/^\d{6}$/.test(p)) return "format";
  if (/^(\d)\1{5}$/.test(p)) return "trivial";
  const digits = [...p].map(Number);
  const step = digits[1]! - digits[0]!;
  if ((step === 1 || step === -1) && digits.every((d, i) => i === 0 || d - digits[i - 1]! === step)) return "trivial";
  return null;
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
