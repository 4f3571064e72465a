// A resident answers a consultation on a phone: every control works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getViewer, isStaffOf, requireRole } from "../auth/guard.server.js";
import { whoVerifies } from "../domain/accounts/queries.server.js";
import { deskItems } from "../domain/accounts/rules.js";
import { submitWebResponse } from "../domain/consultations/mutations.server.js";
import { getConsultation, ownResponse, publishedSummary } from "../domain/consultations/queries.server.js";
import { consultationState, resultsVisible, thanksPath } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { formToMap } from "../utils/form.js";
import { clearRetry, keepRetry, readRetry } from "../utils/retry.server.js";
import { useT } from "../i18n/i18n.js";
import { AnswerFields, firstControlId, problemText } from "../ui/AnswerFields.js";
import { VerifierNotice } from "../ui/CardDesks.js";
import { ErrorSummary } from "../ui/ErrorSummary.js";
import { InLang } from "../ui/Fr.js";
import { SummarySection } from "../ui/Summary.js";
import { notFound, parseId } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";
import { readFalc } from "../utils/preferences.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, null, data?.title.text);

async function load(request: Request, context: LoaderFunctionArgs["context"], rawId: string | undefined) {
  const id = parseId(rawId);
  const c = id ? await getConsultation(context.db, id) : null;
  if (!c) notFound();
  const viewer = await getViewer(context);
  const staffPreview = c.status === "draft" && (await isStaffOf(context.db, viewer, c.epci_id));
  if (c.status === "draft" && !staffPreview) notFound();
  return { c, viewer, staffPreview };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { c, viewer, staffPreview } = await load(request, context, params.id);
  const falc = readFalc(request.headers.get("cookie"));
  const lng = context.lng;
  const now = new Date();
  const state = consultationState(c, now);
  const inScope = viewer?.territory ? c.scope.some((s) => s.id === viewer.territory!.id || s.id === viewer.territory!.parentId) : false;
  const own = viewer ? await ownResponse(context.db, c.id, viewer.accountId) : null;
  // A refusal just redirected here is shown once (400), then forgotten.
  const retry = readRetry(request.headers.get("cookie"), viewer?.accountId ?? null);
  const v = (fr: string, falcText: string | null, en?: string | null, ar?: string | null) => pickVersion({ fr, falc: falcText, en, ar }, lng, falc);
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (request.headers.get("cookie")?.includes("pq_retry=")) headers.append("Set-Cookie", clearRetry(c.id, context.secure));
  return json({
    retry,
    id: c.id,
    state,
    staffPreview,
    demo: c.demo,
    title: v(c.title, c.title_falc, c.title_en, c.title_ar),
    description: v(c.description, c.description_falc, c.description_en, c.description_ar),
    closesAt: c.closes_at,
    scope: c.scope.map((s) => s.name),
    resultsVisible: resultsVisible(c, now),
    // Once closed, its published summary (never read on the way to answering).
    summary: state === "closed" ? await publishedSummary(context.db, c.id, lng, falc) : null,
    signedIn: Boolean(viewer),
    inScope,
    needsVerification: c.eligibility === "verified" && viewer !== null && !viewer.verified,
    pendingVerification: c.eligibility === "any" && viewer !== null && !viewer.verified,
    // Who confirms the account, and where (awaiting verification only).
    verifier: viewer && !viewer.verified ? await whoVerifies(context.db, viewer.territory?.id ?? null).then((w) => ({ epciName: w.epciName, desks: deskItems(w.desks, lng, falc) })) : null,
    own: own?.answers ?? null,
    onPaper: own?.onPaper ?? false,
    questions: c.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: v(q.prompt, q.prompt_falc, q.prompt_en, q.prompt_ar),
      maxChoices: q.max_choices,
      topN: q.top_n,
      options: q.options.map((o) => ({ id: o.id, label: v(o.label, o.label_falc, o.label_en, o.label_ar), pictogram: o.pictogram })),
    })),
  }, { status: retry ? 400 : 200, headers });
}

export const headers = ({ loaderHeaders }: { loaderHeaders: Headers }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

// The critical path of voting: the session, then one query to check and one transaction. A
// form posted without JavaScript that succeeds is taken before Remix by the server's fast
// path (server/answer-fast-path.ts), with this same call and redirect; the rest comes here.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = parseId(params.id);
  if (!id) notFound();
  const viewer = await requireRole(request, context, "resident");
  const form = await request.formData();
  const entries = formToMap(form);
  const result = await submitWebResponse(context.db, viewer, id, entries);
  const values = Object.fromEntries([...entries.entries()].map(([k, v]) => [k, v]));
  if (result.ok) return redirect(thanksPath(id), { headers: { "Set-Cookie": clearRetry(id, context.secure) } });
  if (result.error === "notFound") notFound();
  if ("problems" in result) {
    // Post/Redirect/Get: the history then holds the form, not the refusal (retry.server.ts).
    const kept = keepRetry(id, viewer.accountId, { values, problems: result.problems as Record<string, string> }, context.secure);
    if (kept) return redirect(`/consultations/${id}?corriger=1#erreurs`, { status: 303, headers: { "Set-Cookie": kept } });
    return json({ problems: result.problems as Record<string, string>, error: null, values }, { status: 400 });
  }
  const status = result.error === "closed" || result.error === "changed" ? 409 : 403;
  return json({ problems: {} as Record<string, string>, error: result.error, values }, { status });
}

export default function AnswerConsultation() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, lng } = useT();
  const problems: Record<string, string> = data?.problems ?? d.retry?.problems ?? {};
  const sent: Record<string, string[]> = data?.values ?? d.retry?.values ?? {};
  // Values to show: what was just sent (kept on error), else the resident's current answer.
  const canAnswer = d.state === "open" && d.signedIn && d.inScope && !d.needsVerification && !d.onPaper;
  return (
    <>
      {d.demo ? <p className="badge badge-archive">{t("consult.demoData")}</p> : null}
      {d.staffPreview ? <p className="notice">{t("consult.preview")}</p> : null}
      <InLang v={d.title} as="h1" />
      {d.description.text ? <InLang v={d.description} as="p" /> : null}
      <p className="hint">
        {t(`consult.state.${d.state}`)} · {t("consult.closes", { date: formatParisDateTime(d.closesAt, lng) })}
      </p>
      {d.state === "closed" ? (
        <p className="notice" role="status">
          {t("consult.closed")} {d.resultsVisible ? <Link to={`/consultations/${d.id}/resultats`}>{t("consult.seeResults")}</Link> : null}
        </p>
      ) : null}
      {d.summary ? <SummarySection s={d.summary} /> : null}
      {d.state === "open" && d.resultsVisible ? (
        <p>
          <Link to={`/consultations/${d.id}/resultats`}>{t("consult.seeResults")}</Link>
        </p>
      ) : null}
      {d.state === "open" && !d.signedIn ? (
        <p className="notice">
          {t("consult.signInToAnswer")} <Link to={`/connexion?redirectTo=/consultations/${d.id}`}>{t("layout.navLogin")}</Link> · <Link to={`/code?redirectTo=/consultations/${d.id}`}>{t("login.haveCode")}</Link>
        </p>
      ) : null}
      {d.state === "open" && d.signedIn && !d.inScope ? (
        <p className="notice" role="status">
          {t("consult.outOfScope", { places: d.scope.join(", ") })}
        </p>
      ) : null}
      {d.onPaper && d.state !== "closed" ? (
        <p className="notice" role="status">
          {t("consult.errors.votedOnPaper")}
        </p>
      ) : null}
      {d.needsVerification ? <p className="notice">{t("consult.needsVerification")}</p> : null}
      {d.pendingVerification ? <p className="notice">{t("consult.pendingVerification")}</p> : null}
      {d.verifier && (d.needsVerification || d.pendingVerification) ? <VerifierNotice verifier={d.verifier} codeLink={`/code?redirectTo=/consultations/${d.id}`} /> : null}
      {data?.error ? (
        <p className="error" role="alert">
          {t(`consult.errors.${data.error}`)}
        </p>
      ) : null}
      <ErrorSummary
        title={t("consult.fixBelow")}
        items={d.questions.filter((q) => problems[String(q.id)]).map((q) => ({ href: `#${firstControlId(q)}`, text: t("consult.problemAt", { n: d.questions.indexOf(q) + 1, problem: problemText(t, q, problems[String(q.id)]!, sent) }) }))}
      />
      {d.own && Object.keys(problems).length === 0 && canAnswer ? (
        <p className="notice" role="status">
          {t("consult.alreadyAnswered", { date: formatParisDateTime(d.closesAt, lng) })}
        </p>
      ) : null}
      {d.questions.length > 0 && d.state !== "closed" && !canAnswer && !d.staffPreview ? (
        // Visitors (and residents who cannot answer here) read the questions before signing in.
        <section aria-labelledby="questions-preview-h" className="answer-form">
          <h2 id="questions-preview-h">{t("consult.questionsPreview", { count: d.questions.length })}</h2>
          {!d.signedIn ? <p className="hint">{t("consult.questionsPreviewHint")}</p> : null}
          <fieldset disabled className="preview-fieldset">
            <legend className="visually-hidden">{t("consult.questionsPreview", { count: d.questions.length })}</legend>
            <AnswerFields questions={d.questions} own={null} sent={{}} problems={{}} listen={false} />
          </fieldset>
        </section>
      ) : null}
      {d.questions.length > 0 && (canAnswer || d.staffPreview) ? (
        <Form method="post" className="answer-form" noValidate>
          <AnswerFields questions={d.questions} own={d.own} sent={sent} problems={problems} />
          {canAnswer ? (
            <button type="submit" className="primary big">
              {d.own ? t("consult.update") : t("consult.submit")}
            </button>
          ) : null}
        </Form>
      ) : null}
    </>
  );
}
