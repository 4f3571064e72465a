// Staff read their EPCI's journal, admins all of it: each action in words, with its target's
// title and link; filtered by person, by day and by kind of action (a GET form, no JavaScript
// needed), and downloadable as CSV with the same filters (staff.journal[.]csv.tsx).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { ACTION_FAMILIES, JOURNAL_PAGE, journalQuery, journalSentence, readJournalFilter, targetLabel } from "../domain/audit/journal.js";
import { journalEntries, journalPeople } from "../domain/audit/queries.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { StaffNav } from "../ui/StaffNav.js";
import { pageTitle } from "../utils/meta.js";
import { formatParisDateTime } from "../utils/paris-time.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.auditTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const filter = readJournalFilter(new URL(request.url).searchParams);
  const epciIds = await staffEpciIds(context.db, viewer);
  const [{ entries, more }, people] = await Promise.all([journalEntries(context.db, epciIds, filter), journalPeople(context.db, epciIds)]);
  return json({ entries, more, people, filter, query: journalQuery(filter), filtered: journalQuery(filter) !== "" });
}

export default function Journal() {
  const { entries, more, people, filter, query, filtered } = useLoaderData<typeof loader>();
  const { t, lng } = useT();
  const when = (iso: string) => formatParisDateTime(iso, lng);
  // Titles are French (consultations, contracts, places); a missing one says so in the page's language.
  const target = (e: (typeof entries)[number]) => (e.target.title === null ? targetLabel(e, t) : <Fr>{e.target.title}</Fr>);
  return (
    <>
      <StaffNav />
      <h1>{t("staff.auditTitle")}</h1>
      <p className="hint">{t("journal.intro")}</p>
      <Form method="get" className="stack" aria-labelledby="journal-filter">
        <h2 id="journal-filter">{t("journal.filterTitle")}</h2>
        <div className="field">
          <label htmlFor="personne">{t("journal.person")}</label>
          <select id="personne" name="personne" defaultValue={filter.person ? String(filter.person) : ""}>
            <option value="">{t("journal.everyone")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="du">{t("journal.from")}</label>
          <input id="du" name="du" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="au">{t("journal.to")}</label>
          <input id="au" name="au" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="action">{t("staff.auditFilter")}</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("staff.auditAll")}</option>
            {ACTION_FAMILIES.map((a) => (
              <option key={a} value={a}>
                {t(`journal.families.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t("staff.auditApply")}</button>
          {filtered ? <Link to="/staff/journal">{t("journal.clear")}</Link> : null}
        </div>
      </Form>
      <p>
        <a className="button-link" href={`/staff/journal.csv${query}`} download>
          {filtered ? t("journal.csvFiltered") : t("journal.csv")}
        </a>
      </p>
      {entries.length === 0 ? (
        <p>{filtered ? t("journal.noneFiltered") : t("staff.auditEmpty")}</p>
      ) : (
        <section aria-labelledby="journal-list">
          <h2 id="journal-list">{t("staff.auditCaption", { count: entries.length })}</h2>
          {more ? <p className="hint">{t("journal.more", { max: JOURNAL_PAGE })}</p> : null}
          <ol className="cards">
            {entries.map((e) => (
              <li key={e.id}>
                <p>
                  {e.actor ? (
                    <>
                      <strong dir="auto">{e.actor.name}</strong> ({t(`roles.${e.actorRole}`)})
                    </>
                  ) : (
                    <strong>{t(`roles.${e.actorRole}`)}</strong>
                  )}{" "}
                  {journalSentence(e, t, when)}
                </p>
                <p>
                  {t("journal.on")}{" "}
                  {e.target.href ? <Link to={e.target.href}>{target(e)}</Link> : target(e)}
                  {e.epciName ? (
                    <>
                      {" · "}
                      <Fr>{e.epciName}</Fr>
                    </>
                  ) : null}
                </p>
                <p className="hint">
                  <time dateTime={e.at}>{when(e.at)}</time>
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
