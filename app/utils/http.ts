// Small helpers shared by routes: parse ids from URLs, answer 404 and 400 the one way.
export function parseId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

export function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}
