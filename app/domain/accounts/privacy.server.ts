// RGPD: what is stored about a person, their export, their deletion, and the purges that
// enforce each stated retention period.
import { sql, type Kysely } from "kysely";
import { changingCounted, responsesOfAccount } from "../consultations/counters.server.js";
import type { Database } from "../../../db/schema.js";
import { normalizeIdentifier } from "./rules.js";
import { RETENTION } from "./retention.js";
import { accountKeys, deviceKeys, forgetDevices } from "./sign-in.server.js";

export { RETENTION };

type DB = Kysely<Database>;


export async function exportPersonalData(db: DB, accountId: number) {
  const account = await db
    .selectFrom("account as a")
    .leftJoin("territory as t", "t.id", "a.territory_id")
    .select(["a.id", "a.display_name", "a.identifier", "a.email", "a.phone", "a.verified_at", "a.age_band", "a.gender", "a.created_at", "a.territory_id", "t.name as territory_name"])
    .where("a.id", "=", accountId)
    .executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom("role_assignment as r")
    .leftJoin("territory as t", "t.id", "r.territory_id")
    .select(["r.role", "r.territory_id", "t.name as territory_name", "r.college", "r.created_at"])
    .where("r.account_id", "=", accountId)
    .execute();
  const sessions = await db.selectFrom("session").select(["created_at", "refreshed_at", "expires_at", "persistent", "user_agent"]).where("account_id", "=", accountId).execute();
  const devices = await db.selectFrom("sign_in_device").select(["created_at", "last_used_at", "expires_at"]).where("account_id", "=", accountId).orderBy("id").execute();
  const codes = await db
    .selectFrom("invitation_code as c")
    .innerJoin("invitation_batch as b", "b.id", "c.batch_id")
    .select(["c.code", "c.redeemed_at", "c.redeemed_territory_id", "b.label as batch_label"])
    .where("c.redeemed_by", "=", accountId)
    .execute();
  const responses = await db
    .selectFrom("response as r")
    .innerJoin("consultation as c", "c.id", "r.consultation_id")
    .select(["r.id", "r.consultation_id", "c.title as consultation_title", "r.channel", "r.entry_mode", "r.source", "r.territory_id", "r.serial", "r.ballots", "r.age_band", "r.gender", "r.submitted_at", "r.updated_at", "r.voided_at", "r.void_reason"])
    .where("r.account_id", "=", accountId)
    .execute();
  const answers = responses.length
    ? await db
        .selectFrom("answer as a")
        .innerJoin("question as q", "q.id", "a.question_id")
        .leftJoin("question_option as o", "o.id", "a.option_id")
        .select(["a.response_id", "a.question_id", "q.prompt", "a.option_id", "o.label as option_label", "a.rank", "a.value", "a.text", "a.text_status", "a.text_reason", "a.count"])
        .where("a.response_id", "in", responses.map((r) => r.id))
        .execute()
    : [];
  const signatures = await db
    .selectFrom("consultation_summary_signature as g")
    .innerJoin("consultation as c", "c.id", "g.consultation_id")
    .innerJoin("territory as t", "t.id", "g.qpv_id")
    .select(["g.consultation_id", "c.title as consultation_title", "g.qpv_id", "t.name as qpv_name", "g.signed_at"])
    .where("g.account_id", "=", accountId)
    .execute();
  const actions = await db.selectFrom("audit_event").select(["action", "target_type", "target_id", "created_at"]).where("actor_account_id", "=", accountId).orderBy("id").execute();
  return {
    format: "parlons-quartier/personal-data/v1",
    exported_at: new Date().toISOString(),
    account,
    roles,
    sessions,
    sign_in_devices: devices,
    invitation_codes: codes,
    responses: responses.map((r) => ({ ...r, answers: answers.filter((a) => Number(a.response_id) === Number(r.id)) })),
    answers,
    summary_signatures: signatures,
    actions_as_staff_or_council: actions,
  };
}

// Invariant: afterwards nothing identifies the person; what they cast stays counted,
// holding only its sous-secteur and channel (verified_at keeps only its day, so that a
// verified voice stays counted).
export async function deleteAccount(db: DB, accountId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom("account").select(["identifier", "email", "phone"]).where("id", "=", accountId).executeTakeFirst();
    if (!account) return;
    const devices = await trx.selectFrom("sign_in_device").select("id").where("account_id", "=", accountId).execute();
    const keys = [
      // Counters named after what was typed: log-in before decision 0018, and recovery.
      ...[account.identifier, account.email, account.phone].filter((v): v is string => Boolean(v)).flatMap((v) => [`login:account:${normalizeIdentifier(v)}`, `recovery:account:${normalizeIdentifier(v)}`]),
      ...Object.values(accountKeys(`a${accountId}`)),
      ...devices.flatMap((d) => Object.values(deviceKeys(d.id))),
    ];
    await trx.deleteFrom("rate_limit").where("key", "in", keys).execute();
    await trx.deleteFrom("session").where("account_id", "=", accountId).execute();
    await forgetDevices(trx, accountId);
    await trx.deleteFrom("role_assignment").where("account_id", "=", accountId).execute();
    await trx.updateTable("invitation_code").set({ redeemed_by: null }).where("redeemed_by", "=", accountId).execute();
    // What was cast stays counted, with nothing left on it but its sous-secteur and channel
    // (the account row it points to is emptied below).
    // The counters move by whatever this changes (nothing, as long as a verified voice stays counted).
    await changingCounted(trx, await responsesOfAccount(trx, accountId), async () => {
      await trx.updateTable("response").set({ age_band: null, gender: null, submitted_at: null, updated_at: null }).where("account_id", "=", accountId).execute();
      await trx
        .updateTable("account")
        .set({ display_name: null, identifier: null, email: null, phone: null, pin_hash: null, password_hash: null, age_band: null, gender: null, verified_at: sql<Date>`date_trunc('day', verified_at)`, deleted_at: sql<Date>`now()` })
        .where("id", "=", accountId)
        .execute();
      return { result: null, responseIds: await responsesOfAccount(trx, accountId) };
    });
  });
}

export interface PurgeReport {
  sessions: number;
  devices: number;
  rateLimits: number;
  expiredCodes: number;
  unverifiedAccounts: number;
}

export async function purge(db: DB): Promise<PurgeReport> {
  const sessions = await db.deleteFrom("session").where("expires_at", "<=", sql<Date>`now()`).executeTakeFirst();
  const devices = await db.deleteFrom("sign_in_device").where("expires_at", "<=", sql<Date>`now()`).executeTakeFirst();
  const rateLimits = await db
    .deleteFrom("rate_limit")
    .where(sql<boolean>`window_start + make_interval(secs => window_seconds) + make_interval(days => ${RETENTION.rateLimitDays}) <= now()`)
    .executeTakeFirst();
  const expiredCodes = await db
    .deleteFrom("invitation_code")
    .where("redeemed_at", "is", null)
    .where("batch_id", "in", (qb) => qb.selectFrom("invitation_batch").select("id").where(sql<boolean>`expires_at + make_interval(days => ${RETENTION.expiredCodeDays}) <= now()`))
    .executeTakeFirst();
  const stale = await db
    .selectFrom("account")
    .select("id")
    .where("verified_at", "is", null)
    .where("deleted_at", "is", null)
    .where(sql<boolean>`created_at + make_interval(months => ${RETENTION.unverifiedAccountMonths}) <= now()`)
    .where((eb) => eb.not(eb.exists(eb.selectFrom("role_assignment").select("id").whereRef("role_assignment.account_id", "=", "account.id"))))
    .execute();
  for (const { id } of stale) await deleteAccount(db, id);
  return {
    sessions: Number(sessions.numDeletedRows),
    devices: Number(devices.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
    expiredCodes: Number(expiredCodes.numDeletedRows),
    unverifiedAccounts: stale.length,
  };
}
