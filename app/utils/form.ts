// A submitted form as plain values, without zod: safe to import from any route.
/** Every value of every field (a multiple choice sends several), for the answer readers. */
export function formToMap(form: FormData | URLSearchParams): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of form.entries()) if (typeof v === "string") out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}
