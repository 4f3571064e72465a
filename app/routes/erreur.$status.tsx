// Error pages reachable by URL: the server sends refused writes here (403), the rate
// limiter too (429); 404 and 500 show the same boundary as any other failure.
import type { LoaderFunctionArgs } from "@remix-run/node";

export async function loader({ params }: LoaderFunctionArgs) {
  const status = Number(params.status);
  if (status === 500) throw new Error("Deliberate error page");
  if ([400, 403, 404, 429].includes(status)) throw new Response(null, { status });
  throw new Response(null, { status: 404 });
}

export default function ErrorStatus() {
  return null;
}
