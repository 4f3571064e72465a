// Moderators of a QPV read the free texts of its consultations before anyone else: publish
// one, or keep it unpublished with a reason from a fixed list (it stays stored, never deleted).
// Staff do the same from each consultation's page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/guard.server.js";
import { moderateAnswerText } from "../domain/consultations/mutations.server.js";
import { pendingTextsFor } from "../domain/consultations/queries.server.js";
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
  const texts = await pendingTextsFor(
    context.db,
    places.map((g) => g.territoryId!),
  );
  return json({
    places: places.map((g) => g.territoryName ?? ""),
    texts: texts.map((x) => ({ id: x.id, text: x.text, consultationId: x.consultationId, title: v(x.title, x.title_falc, x.title_en, x.title_ar), prompt: v(x.prompt, x.prompt_falc, x.prompt_en, x.prompt_ar) })),
  });
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
  const { places, texts } = useLoaderData<typeof loader>();
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
            <TextDecision answerId={x.id} consultationId={x.consultationId} error={data?.answerId === x.id ? data.error : null} />
          </li>
        ))}
      </ul>
    </>
  );
}
