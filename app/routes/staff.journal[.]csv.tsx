// Staff: the journal as CSV for French Excel (decision 0021), with the page's filters and the
// same EPCI scope; the sentences in French, whatever the page's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole, staffEpciIds } from "../auth/guard.server.js";
import { JOURNAL_CSV_MAX, journalCsvRows, readJournalFilter } from "../domain/audit/journal.js";
import { journalEntries } from "../domain/audit/queries.server.js";
import { sayIn } from "../i18n/resources.server.js";
import { csvResponse, frenchCsv } from "../lib/csv.js";
import { formatParisDateTime } from "../utils/paris-time.js";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  const filter = readJournalFilter(new URL(request.url).searchParams);
  const { entries } = await journalEntries(context.db, await staffEpciIds(context.db, viewer), filter, JOURNAL_CSV_MAX);
  const rows = journalCsvRows(entries, (key, vars) => sayIn("fr", key, vars), (iso) => formatParisDateTime(iso, "fr"), context.publicUrl);
  return csvResponse(frenchCsv(rows), `journal${filter.from ? `-du-${filter.from}` : ""}${filter.to ? `-au-${filter.to}` : ""}.csv`);
}
