// My account: who I am, where I belong, what I answered and what came of it, my sessions,
// log out here or everywhere.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "../auth/guard.server.js";
import { listSessions, whoVerifies } from "../domain/accounts/queries.server.js";
import { accountDetails, updateOwnDetails } from "../domain/accounts/ways-in.server.js";
import { participationsOf, summariesToSign } from "../domain/consultations/queries.server.js";
import { consultationState, resultsVisible } from "../domain/consultations/rules.js";
import { pickVersion } from "../domain/consultations/text.js";
import { readFalc } from "../utils/preferences.js";
import { AGE_BANDS, GENDERS, deskItems } from "../domain/accounts/rules.js";
import { VerifierNotice } from "../ui/CardDesks.js";
import { PersonDetailsFields } from "../ui/PersonDetailsFields.js";
import { safeRedirectPath } from "../utils/origin.js";
import { useT } from "../i18n/i18n.js";
import { Fr, InLang } from "../ui/Fr.js";
import { SummaryLink } from "../ui/Summary.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const url = new URL(request.url);
  const sessions = await listSessions(context.db, viewer.accountId);
  const details = await accountDetails(context.db, viewer.accountId);
  const falc = readFalc(request.headers.get("cookie"));
  const now = new Date();
  const participations = (await participationsOf(context.db, viewer.accountId)).map((p) => ({
    id: p.id,
    title: pickVersion({ fr: p.title, falc: p.title_falc, en: p.title_en, ar: p.title_ar }, context.lng, falc),
    state: consultationState(p, now),
    resultsVisible: resultsVisible(p, now),
    channel: p.channel,
    answeredAt: p.updated_at,
    summary: p.summary,
  }));
  const councils = viewer.grants.filter((g) => g.role === "council_member" && g.territoryId !== null).map((g) => g.territoryId!);
  const toSign = (await summariesToSign(context.db, councils)).map((s) => ({
    id: s.id,
    qpvName: s.qpvName,
    title: pickVersion({ fr: s.title, falc: s.title_falc, en: s.title_en, ar: s.title_ar }, context.lng, falc),
  }));
  // Awaiting verification: who confirms the account, and where.
  const verifier = viewer.verified ? null : await whoVerifies(context.db, viewer.territory?.id ?? null);
  return json({
    participations,
    toSign,
    verifier: verifier && { epciName: verifier.epciName, desks: deskItems(verifier.desks, context.lng, falc) },
    welcome: url.searchParams.get("bienvenue") === "1",
    next: url.searchParams.get("suite") ? safeRedirectPath(url.searchParams.get("suite"), "") || null : null,
    verifiedNow: url.searchParams.get("verifie") === "1",
    account: { displayName: viewer.displayName, identifier: viewer.identifier, verified: viewer.verified, territory: viewer.territory?.name ?? null, ageBand: details.age_band ?? "", gender: details.gender ?? "" },
    saved: url.searchParams.get("enregistre") === "1",
    grants: viewer.grants.map((g) => ({ role: g.role, territoryName: g.territoryName, college: g.college })),
    sessions: sessions.map((s) => ({ current: s.id === viewer.sessionId, createdAt: s.created_at, lastSeen: s.refreshed_at, persistent: s.persistent, device: s.user_agent })),
  });
}

// A resident's own details, for participation statistics only: an age band, never a birth date.
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "details") throw new Response(null, { status: 400 });
  const ageBand = String(form.get("ageBand") ?? "");
  const gender = String(form.get("gender") ?? "");
  if ((ageBand && !(AGE_BANDS as readonly string[]).includes(ageBand)) || (gender && !(GENDERS as readonly string[]).includes(gender))) throw new Response(null, { status: 400 });
  await updateOwnDetails(context.db, viewer, { ageBand: (ageBand || null) as (typeof AGE_BANDS)[number] | null, gender: (gender || null) as (typeof GENDERS)[number] | null });
  return redirect("/compte?enregistre=1");
}

export default function Account() {
  const { welcome, next, verifiedNow, account, grants, sessions, saved, participations, toSign, verifier } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  return (
    <>
      <h1>{t("account.title")}</h1>
      {welcome && account.identifier ? (
        <div className="notice" role="status">
          <p>{t("account.welcome")}</p>
          <p className="identifier">
            {t("account.yourIdentifier")} <strong className="code-big">{account.identifier}</strong>
          </p>
          <p>{t("account.writeItDown")}</p>
          {next ? (
            <p>
              <Link className="button-link" to={next}>
                {t("account.continue")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {verifiedNow ? (
        <p className="notice" role="status">
          {t("account.verifiedNow")}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("account.displayName")}</dt>
        <dd>{account.displayName ?? "—"}</dd>
        <dt>{t("account.identifier")}</dt>
        <dd>{account.identifier ?? "—"}</dd>
        <dt>{t("account.place")}</dt>
        <dd>{account.territory ? <Fr>{account.territory}</Fr> : t("account.noPlace")}</dd>
        <dt>{t("account.status")}</dt>
        <dd>{account.verified ? t("account.verified") : <a href="#verification">{t("account.unverified")}</a>}</dd>
      </dl>
      {verifier ? <VerifierNotice verifier={verifier} codeLink="/code" /> : null}
      <section aria-labelledby="details-h">
        <h2 id="details-h">{t("account.details")}</h2>
        {saved ? (
          <p className="notice" role="status">
            {t("account.detailsSaved")}
          </p>
        ) : null}
        <p className="hint">{t("code.detailsWhy")}</p>
        <Form method="post" className="stack">
          <PersonDetailsFields ageBand={account.ageBand} gender={account.gender} />
          <button type="submit" name="intent" value="details">
            {t("staff.save")}
          </button>
        </Form>
      </section>
      {account.territory || participations.length > 0 ? (
        <section aria-labelledby="participations-h">
          <h2 id="participations-h">{t("account.participations")}</h2>
          {participations.length === 0 ? <p>{t("account.noParticipation")}</p> : null}
          <ul className="cards">
            {participations.map((p) => (
              <li key={p.id} data-consultation={p.id}>
                <Link to={`/consultations/${p.id}`}>
                  <InLang v={p.title} />
                </Link>
                <p className="hint">
                  {t(`consult.state.${p.state}`)} · {t(p.channel === "web" ? "account.answeredOnline" : "account.answeredOnPaper", { date: p.answeredAt ? formatParisDateTime(p.answeredAt, lng) : "—" })}
                </p>
                <p>
                  {p.state === "open" ? <Link to={`/consultations/${p.id}`}>{t("account.changeAnswer")}</Link> : null}
                  {p.state === "open" && p.resultsVisible ? " · " : null}
                  {p.resultsVisible ? <Link to={`/consultations/${p.id}/resultats`}>{t("consult.seeResults")}</Link> : null}
                  <SummaryLink consultationId={p.id} published={p.summary} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {toSign.length > 0 ? (
        <section aria-labelledby="to-sign-h">
          <h2 id="to-sign-h">{t("account.toSign")}</h2>
          <ul>
            {toSign.map((s) => (
              <li key={`${s.id}-${s.qpvName}`}>
                <Link to={`/consultations/${s.id}/resultats#summary-h`}>
                  <InLang v={s.title} />
                </Link>{" "}
                — <Fr>{s.qpvName}</Fr>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {grants.length > 0 ? (
        <section aria-labelledby="roles-h">
          <h2 id="roles-h">{t("account.roles")}</h2>
          <ul>
            {grants.map((g, i) => (
              <li key={i}>
                {t(`roles.${g.role}`)}
                {g.territoryName ? (
                  <>
                    {" — "}
                    <Fr>{g.territoryName}</Fr>
                  </>
                ) : null}
                {g.college ? ` (${t(`colleges.${g.college}`)})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{t("account.sessions")}</h2>
        <ul>
          {sessions.map((s, i) => (
            <li key={i}>
              {s.current ? <strong>{t("account.thisDevice")}</strong> : null} {t("account.since", { date: formatParisDateTime(s.createdAt, lng) })} ·{" "}
              {t("account.lastSeen", { date: formatParisDateTime(s.lastSeen, lng) })} · {s.persistent ? t("account.persistent") : t("account.sharedDevice")}
              {s.device ? <span className="hint"> · {s.device.slice(0, 60)}</span> : null}
            </li>
          ))}
        </ul>
        <div className="actions">
          <Form method="post" action="/deconnexion">
            <button type="submit" name="intent" value="this">
              {t("account.logout")}
            </button>
          </Form>
          <Form method="post" action="/deconnexion">
            <button type="submit" name="intent" value="all">
              {t("account.logoutAll")}
            </button>
          </Form>
        </div>
      </section>
      <p>
        <Link to="/compte/donnees">{t("account.myData")}</Link> · <Link to="/confidentialite">{t("layout.privacy")}</Link>
      </p>
    </>
  );
}
