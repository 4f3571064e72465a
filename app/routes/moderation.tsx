// Moderators of a QPV read the free texts of its consultations before anyone else: publish
// one, or keep it unpublished with a reason from a fixed list (it stays stored, never deleted).
// Staff do the same from each consultation's page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/guard.server.js";
import { moderateAnswerText } from "../domain/consultations/mutations.server.js";
import { textsForModerators } from "../domain/consultations/queries.server.js";
import { readTextReason } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { useT } from "../i18n/i18n.js";
import { Fr, InLang, Written } from "../ui/Fr.js";
import { QueryNotices } from "../ui/Notices.js";
import { TextDecision } from "../ui/TextDecision.js";
import { parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { readFalc } from "../utils/preferences.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "moderation.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "moderator");
  const places = viewer.grants.filter((g) => g.role === "moderator" && g.territoryId !== null);
  const falc = readFalc(request.headers.get("cookie"));
  const v = (fr: string, f: string | null, en: string | null, ar: string | null) => pickVersion({ fr, falc: f, en, ar }, context.lng, falc);
  const qpvs = places.map((g) => g.territoryId!);
  const [pending, read] = await Promise.all([textsForModerators(context.db, qpvs, "pending"), textsForModerators(context.db, qpvs, "read")]);
  const view = (x: (typeof pending)[number]) => ({
    id: x.id,
    text: x.text,
    status: x.status,
    shownNow: x.shownNow,
    reason: x.reason,
    consultationId: x.consultationId,
    title: v(x.title, x.title_falc, x.title_en, x.title_ar),
    prompt: v(x.prompt, x.prompt_falc, x.prompt_en, x.prompt_ar),
  });
  return json({ places: places.map((g) => g.territoryName ?? ""), texts: pending.map(view), read: read.map(view) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "moderator");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent !== "approve_text" && intent !== "reject_text") throw new Response(null, { status: 400 });
  const answerId = parseId(String(form.get("answerId") ?? ""));
  const consultationId = parseId(String(form.get("consultationId") ?? ""));
  if (!answerId || !consultationId) return json({ answerId, error: "moderation.errors.noText" }, { status: 400 });
  const r = await moderateAnswerText(context.db, viewer, consultationId, answerId, intent === "approve_text" ? "approved" : "rejected", readTextReason(form.get("reason")));
  if (r.ok) return redirect(`/moderation?${intent === "approve_text" ? "publie" : "refuse"}=1`);
  if (r.error === "forbidden") throw new Response(null, { status: 403 });
  return json({ answerId, error: `moderation.errors.${r.error}` }, { status: 400 });
}

export default function Moderation() {
  const { places, texts, read } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <h1>{t("moderation.title")}</h1>
      <p>
        {t("moderation.intro")}{" "}
        {places.map((p, i) => (
          <span key={p}>
            {i > 0 ? ", " : null}
            <Fr>{p}</Fr>
          </span>
        ))}
      </p>
      <p className="hint">{t("moderation.hint")}</p>
      <QueryNotices
        notices={[
          ["publie", "moderation.published"],
          ["refuse", "moderation.refused"],
        ]}
      />
      {data?.error ? (
        <p className="error" role="alert">
          {t(data.error)}
        </p>
      ) : null}
      {texts.length === 0 ? <p>{t("moderation.none")}</p> : null}
      <TextCards texts={texts} error={data ?? null} />
      {read.length > 0 ? (
        <details className="read-texts">
          <summary>{t("moderation.read", { count: read.length })}</summary>
          <TextCards texts={read} error={data ?? null} />
        </details>
      ) : null}
    </>
  );
}

type TextView = ReturnType<typeof useLoaderData<typeof loader>>["texts"][number];

/** Each text with its consultation and question, where it stands once read, and the two decisions. */
function TextCards({ texts, error }: { texts: TextView[]; error: { answerId: number | null; error: string } | null }) {
  const { t } = useT();
  return (
    <ul className="cards">
      {texts.map((x) => (
        <li key={x.id} data-answer={x.id}>
          <p className="hint">
            <Link to={`/consultations/${x.consultationId}`}>
              <InLang v={x.title} />
            </Link>{" "}
            — <InLang v={x.prompt} />
          </p>
          <Written as="p" text={x.text} />
          {x.status === "approved" ? <p className="hint">{x.shownNow ? t("moderation.isPublished") : t("moderation.willBePublished")}</p> : null}
          {x.status === "rejected" ? <p className="hint">{t("moderation.refusedBecause", { reason: x.reason ? t(`moderation.reasons.${x.reason}`) : "—" })}</p> : null}
          <TextDecision answerId={x.id} consultationId={x.consultationId} status={x.status} error={error?.answerId === x.id ? error.error : null} />
        </li>
      ))}
    </ul>
  );
}
