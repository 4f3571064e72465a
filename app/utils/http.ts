// Small helpers shared by routes: parse ids from URLs, answer 404 and 400 the one way.
export function parseId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}

export function notFound(): never {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

/** Statuses with a page of their own (`errors.<status>` in the translations); any other shows the 500 page. */
export const ERROR_PAGES = [400, 403, 404, 413, 415, 429, 503] as const;

export function errorPageOf(status: number): number {
  return (ERROR_PAGES as readonly number[]).includes(status) ? status : 500;
}
