// Search text is stored and queried in one form: lower case, no accents, œ → oe,
// and nothing but letters and digits (no dashes, spaces, apostrophes or slashes),
// so « Beau-Marais », « Beau Marais » and « beaumarais » meet.
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}
