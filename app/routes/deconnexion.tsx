// Log out: this session, or every session of the account (« tout déconnecter »).
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer } from "../auth/guard.server.js";
import { clearSessionCookie, invalidateAllSessions, invalidateSession } from "../auth/session.server.js";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(context);
  const form = await request.formData();
  if (viewer) {
    if (form.get("intent") === "all") await invalidateAllSessions(context.db, viewer.accountId);
    else await invalidateSession(context.db, viewer.sessionId);
  }
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(context.secure) } });
}
