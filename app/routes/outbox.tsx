// The mail outbox, when no SMTP server is configured and outside production: read the
// messages the app would have sent (password reset links).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "../i18n/i18n.js";
import { listOutbox, outboxVisible } from "../utils/mail.server.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "outbox.title");

export async function loader({ context }: LoaderFunctionArgs) {
  if (!outboxVisible()) throw new Response(null, { status: 404 });
  const mails = await listOutbox(context.db);
  return json({ mails });
}

export default function Outbox() {
  const { mails } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  return (
    <>
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      {mails.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="mail" lang="fr" dir="ltr">
          <h2>{m.subject}</h2>
          <p className="hint">
            {m.recipient} · {formatParisDateTime(m.created_at, lng)}
          </p>
          <pre>{m.body}</pre>
        </article>
      ))}
    </>
  );
}
