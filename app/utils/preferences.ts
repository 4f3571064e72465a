// The visitor's remembered choices: easy-read (FALC) and their quartier. Cookies, no account.
import { readCookie } from "./cookies.js";

export const FALC_COOKIE = "falc";
export const PLACE_COOKIE = "quartier";

export interface PlaceChoiceCookie {
  placeId: number;
  subsectorId: number | null;
}

export function readFalc(cookieHeader: string | null): boolean {
  return readCookie(cookieHeader, FALC_COOKIE) === "1";
}

export function readPlaceChoice(cookieHeader: string | null): PlaceChoiceCookie | null {
  const raw = readCookie(cookieHeader, PLACE_COOKIE);
  const m = raw?.match(/^(\d{1,9})(?:\.(\d{1,9}))?$/);
  if (!m) return null;
  return { placeId: Number(m[1]), subsectorId: m[2] ? Number(m[2]) : null };
}

export function placeChoiceValue(choice: PlaceChoiceCookie): string {
  return choice.subsectorId ? `${choice.placeId}.${choice.subsectorId}` : String(choice.placeId);
}

/** Picks the easy-read version of a staff text when the switch is on and one exists. */
export function pickText(text: string, falcText: string | null | undefined, falc: boolean): string {
  return falc && falcText && falcText.trim() ? falcText : text;
}
