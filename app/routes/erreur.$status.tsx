// Error pages reachable by URL: the server sends refused writes here (403), oversized bodies
// (413), the rate limiter too (429); 404 and 500 show the same boundary as any other failure.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { errorPageOf } from "../utils/http.js";

export async function loader({ params }: LoaderFunctionArgs) {
  const status = Number(params.status);
  if (status === 500) throw new Error("Deliberate error page");
  if (status !== 500 && errorPageOf(status) === status) throw new Response(null, { status });
  throw new Response(null, { status: 404 });
}

export default function ErrorStatus() {
  return null;
}
