// Reading the audit log for the staff journal: always inside the reader's EPCIs (admins: all),
// then by person, by Paris day and by kind of action; the titles the rows refer to are looked up
// in a few queries, never one per row.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { parisLocalToDate } from "../../utils/paris-time.js";
import { epciIdList } from "../territory/queries.server.js";
import { familyPatterns, JOURNAL_PAGE, journalEntry, nextDay, type JournalEntry, type JournalFilter, type JournalRow } from "./journal.js";

type DB = Kysely<Database>;


function scoped(db: DB, epciIds: number[] | "all") {
  return db.selectFrom("audit_event as e").$if(epciIds !== "all", (q) => q.where("e.epci_id", "in", epciIdList(epciIds)));
}

/**
 * The journal's entries, newest first: only events of `epciIds` (the scope comes from the
 * viewer, never from the filter), at most `limit`, and whether there were more.
 */
export async function journalEntries(db: DB, epciIds: number[] | "all", filter: JournalFilter, limit = JOURNAL_PAGE): Promise<{ entries: JournalEntry[]; more: boolean }> {
  const from = filter.from ? parisLocalToDate(`${filter.from}T00:00`) : null;
  const until = filter.to ? parisLocalToDate(`${nextDay(filter.to)}T00:00`) : null;
  const family = filter.action ? familyPatterns(filter.action) : null;
  const rows = await scoped(db, epciIds)
    .leftJoin("account as a", "a.id", "e.actor_account_id")
    .leftJoin("territory as t", "t.id", "e.epci_id")
    .select(["e.id", "e.created_at", "e.action", "e.actor_account_id", "e.actor_role", "e.target_type", "e.target_id", "e.detail", "a.identifier as actorIdentifier", "a.display_name as actorName", "t.name as epciName"])
    .$if(filter.person !== null, (q) => q.where("e.actor_account_id", "=", filter.person!))
    .$if(from !== null, (q) => q.where("e.created_at", ">=", from!))
    .$if(until !== null, (q) => q.where("e.created_at", "<", until!))
    .$if(family !== null, (q) =>
      q.where((eb) => eb.and([eb.or(family!.like.map((p) => eb("e.action", "like", p))), ...family!.notLike.map((p) => eb("e.action", "not like", p))])),
    )
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const titles = await targetTitles(db, page);
  return {
    entries: page.map((r) => {
      const found = titles.get(`${r.target_type}:${r.target_id}`);
      const row: JournalRow = { ...r, targetTitle: found?.title ?? (r.target_type === "epci" ? r.epciName : null), targetKey: found?.key ?? null, names: names(titles, r) };
      return journalEntry(row);
    }),
    more: rows.length > limit,
  };
}

type Titles = Map<string, { title: string | null; key?: string | null }>;

const ids = (rows: { target_type: string; target_id: string | null }[], type: string) => [...new Set(rows.filter((r) => r.target_type === type && r.target_id && /^\d{1,9}$/.test(r.target_id)).map((r) => Number(r.target_id)))];
const detailId = (detail: unknown, key: string): number | null => {
  const v = detail && typeof detail === "object" ? (detail as Record<string, unknown>)[key] : undefined;
  return typeof v === "number" && Number.isInteger(v) ? v : null;
};

/** Titles of the targets and names of the places a page of rows refers to, in one query per kind. */
async function targetTitles(db: DB, rows: { target_type: string; target_id: string | null; detail: unknown }[]): Promise<Titles> {
  const out: Titles = new Map();
  const [consultations, contracts, batches, accounts, invitations] = [ids(rows, "consultation"), ids(rows, "contract"), ids(rows, "invitation_batch"), ids(rows, "account"), ids(rows, "role_invitation")];
  const places = [...new Set(rows.flatMap((r) => [detailId(r.detail, "qpvId"), detailId(r.detail, "territoryId")]).filter((x): x is number => x !== null))];
  const none = Promise.resolve([]);
  const [c, k, b, a, i, p] = await Promise.all([
    consultations.length ? db.selectFrom("consultation").select(["id", "title"]).where("id", "in", consultations).execute() : none,
    contracts.length ? db.selectFrom("contract").select(["id", "name", "code"]).where("id", "in", contracts).execute() : none,
    batches.length ? db.selectFrom("invitation_batch").select(["id", "label"]).where("id", "in", batches).execute() : none,
    accounts.length ? db.selectFrom("account").select(["id", "display_name", "identifier", "email", "phone"]).where("id", "in", accounts).where("deleted_at", "is", null).execute() : none,
    invitations.length
      ? db.selectFrom("role_invitation as ri").leftJoin("territory as t", "t.id", "ri.territory_id").select(["ri.id", "ri.role", "t.name"]).where("ri.id", "in", invitations).execute()
      : none,
    places.length ? db.selectFrom("territory").select(["id", "name"]).where("id", "in", places).execute() : none,
  ]);
  for (const r of c as { id: number; title: string }[]) out.set(`consultation:${r.id}`, { title: r.title });
  for (const r of k as { id: number; name: string; code: string }[]) out.set(`contract:${r.id}`, { title: r.name, key: r.code });
  for (const r of b as { id: number; label: string }[]) out.set(`invitation_batch:${r.id}`, { title: r.label });
  for (const r of a as { id: number; display_name: string | null; identifier: string | null; email: string | null; phone: string | null }[]) {
    const key = r.identifier ?? r.email ?? r.phone;
    out.set(`account:${r.id}`, { title: r.display_name && key ? `${r.display_name} (${key})` : (r.display_name ?? key), key });
  }
  for (const r of i as { id: number; role: string; name: string | null }[]) out.set(`role_invitation:${r.id}`, { title: r.name });
  for (const r of p as { id: number; name: string }[]) out.set(`place:${r.id}`, { title: r.name });
  return out;
}

function names(titles: Titles, r: { detail: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  const qpv = detailId(r.detail, "qpvId");
  const place = detailId(r.detail, "territoryId");
  if (qpv !== null && titles.get(`place:${qpv}`)?.title) out.qpv = titles.get(`place:${qpv}`)!.title!;
  if (place !== null && titles.get(`place:${place}`)?.title) out.place = titles.get(`place:${place}`)!.title!;
  return out;
}

/** The people who appear in the journal of `epciIds`, for the « Personne » filter. */
export async function journalPeople(db: DB, epciIds: number[] | "all") {
  return scoped(db, epciIds)
    .innerJoin("account as a", "a.id", "e.actor_account_id")
    .select(["a.id", sql<string>`coalesce(a.display_name, a.identifier, a.email, a.phone, '—')`.as("name")])
    .groupBy(["a.id"])
    .orderBy("name")
    .execute();
}
