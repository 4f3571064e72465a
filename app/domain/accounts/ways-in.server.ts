// The other ways in: e-mail or phone sign-up, staff verification, lost PIN at a desk,
// password reset by mail, and one-time invitation links for staff, council and moderators.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes, randomInt } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { AgeBand, Database, Gender, Role } from "../../../db/schema.js";
import { hashSecret } from "../../auth/password.server.js";
import { actorRole, holdsRole, targetTerritory, type Viewer } from "../../auth/guard.server.js";
import { invalidateAllSessions } from "../../auth/session.server.js";
import { sendMail } from "../../utils/mail.server.js";
import { changingCounted, responsesOfAccount } from "../consultations/counters.server.js";
import { recordAudit } from "../audit/audit.server.js";
import { epciIdList, epciIdOfTerritory } from "../territory/queries.server.js";
import type { Result } from "./mutations.server.js";
import { INVITATION_DAYS, RECOVERY_HOURS, drawPin, formatCode, generateCode, normalizeCode, normalizePhone } from "./rules.js";
import { forgetDevices } from "./sign-in.server.js";

export { normalizePhone };

type DB = Kysely<Database>;
export const hashToken = (token: string) => sha256(new TextEncoder().encode(token));
const newToken = () => encodeBase32LowerCaseNoPadding(randomBytes(20));

/** Where a resident may belong: a sous-secteur, a QPV without sous-secteurs, or a secteur de vigilance. */
export async function belongingChoices(db: DB) {
  const rows = await db
    .selectFrom("territory as t")
    .leftJoin("territory as p", "p.id", "t.parent_id")
    .select((eb) => [
      "t.id",
      "t.name",
      "t.kind",
      "p.name as parentName",
      eb.selectFrom("territory as c").select(sql<number>`count(*)::int`.as("n")).whereRef("c.parent_id", "=", "t.id").where("c.kind", "=", "sous_secteur").as("children"),
    ])
    .where("t.kind", "in", ["sous_secteur", "qpv", "secteur_vigilance"])
    .where((eb) => eb.exists(eb.selectFrom("contract_territory as ct").select(sql`1`.as("one")).whereRef("ct.territory_id", "=", "t.id")))
    .orderBy(sql`coalesce(p.name, t.name)`)
    .orderBy("t.name")
    .execute();
  return rows.filter((r) => r.kind !== "qpv" || Number(r.children) === 0).map((r) => ({ id: r.id, label: r.kind === "sous_secteur" ? `${r.parentName} — ${r.name}` : r.name }));
}

// Invariant: one account per e-mail and per phone (unique indexes); the account starts unverified.
export async function signUp(
  db: DB,
  input: { contact: { email: string } | { phone: string }; password: string; displayName: string; territoryId: number; ageBand: AgeBand | null; gender: Gender | null },
): Promise<Result<{ accountId: number }, "contactTaken" | "badTerritory">> {
  const choices = await belongingChoices(db);
  if (!choices.some((c) => c.id === input.territoryId)) return { ok: false, error: "badTerritory" };
  try {
    const { id } = await db
      .insertInto("account")
      .values({
        email: "email" in input.contact ? input.contact.email : null,
        phone: "phone" in input.contact ? input.contact.phone : null,
        password_hash: await hashSecret(input.password),
        display_name: input.displayName,
        territory_id: input.territoryId,
        age_band: input.ageBand,
        gender: input.gender,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, value: { accountId: id } };
  } catch (error) {
    if ((error as { code?: string }).code === "23505") return { ok: false, error: "contactTaken" };
    throw error;
  }
}

async function residentInScope(db: DB, viewer: Viewer, accountId: number) {
  const account = await db.selectFrom("account").select(["id", "territory_id", "identifier", "email", "phone", "deleted_at"]).where("id", "=", accountId).executeTakeFirst();
  if (!account || account.deleted_at || !account.territory_id) return { account: null, allowed: false, epciId: null };
  const target = await targetTerritory(db, account.territory_id);
  return { account, allowed: Boolean(target && holdsRole(viewer, "staff", target)), epciId: await epciIdOfTerritory(db, account.territory_id) };
}

// Invariant: only staff of the resident's EPCI verify; verifying twice changes nothing.
export async function verifyResident(db: DB, viewer: Viewer, accountId: number): Promise<Result<null, "forbidden" | "notFound">> {
  const { account, allowed, epciId } = await residentInScope(db, viewer, accountId);
  if (!account) return { ok: false, error: "notFound" };
  if (!allowed) return { ok: false, error: "forbidden" };
  return db.transaction().execute(async (trx) => {
    // Answers stored while unverified start to count: the counters move in this transaction.
    await changingCounted(trx, await responsesOfAccount(trx, accountId), async () => {
      await trx.updateTable("account").set({ verified_at: sql<Date>`coalesce(verified_at, now())` }).where("id", "=", accountId).execute();
      return { result: null, responseIds: await responsesOfAccount(trx, accountId) };
    });
    await recordAudit(trx, { actorAccountId: viewer.accountId, actorRole: actorRole(viewer, "staff"), action: "account.verify", targetType: "account", targetId: accountId, epciId });
    return { ok: true as const, value: null };
  });
}

export { RECOVERY_HOURS };

// Invariant: a recovery code is bound to one existing account; it never creates another.
export async function issueRecoveryCode(db: DB, viewer: Viewer, accountId: number): Promise<Result<{ code: string }, "forbidden" | "notFound">> {
  const { account, allowed, epciId } = await residentInScope(db, viewer, accountId);
  if (!account) return { ok: false, error: "notFound" };
  if (!allowed) return { ok: false, error: "forbidden" };
  const bytes = randomBytes(64);
  let i = 0;
  const code = generateCode(() => bytes[i++ % 64]!);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("account_token").set({ used_at: sql<Date>`now()` }).where("account_id", "=", accountId).where("purpose", "=", "recovery").where("used_at", "is", null).execute();
    await trx
      .insertInto("account_token")
      .values({ account_id: accountId, purpose: "recovery", token_hash: hashToken(code), created_by: viewer.accountId, expires_at: new Date(Date.now() + RECOVERY_HOURS * 3600_000) })
      .execute();
    await recordAudit(trx, { actorAccountId: viewer.accountId, actorRole: actorRole(viewer, "staff"), action: "account.issue_recovery", targetType: "account", targetId: accountId, epciId });
    return { ok: true as const, value: { code: formatCode(code) } };
  });
}

/** Spends a one-time token of an account; null when unknown, used or expired. */
async function spendToken(db: DB, purpose: "recovery" | "password_reset", token: string): Promise<number | null> {
  const row = await sql<{ account_id: number }>`
    update account_token set used_at = now()
    where purpose = ${purpose} and token_hash = ${hashToken(token)} and used_at is null and expires_at > now()
    returning account_id`.execute(db);
  return row.rows[0]?.account_id ?? null;
}

/**
 * Lost PIN: identifier (or phone) + the desk's recovery code → a new PIN drawn by the system,
 * returned once to show; every old session ends and every known device is forgotten.
 */
export async function recoverWithCode(db: DB, input: { identifier: string; code: string }): Promise<Result<{ accountId: number; pin: string }, "invalid">> {
  const code = normalizeCode(input.code);
  if (!code) return { ok: false, error: "invalid" };
  const pin = drawPin((n) => randomInt(n));
  const pinHash = await hashSecret(pin);
  return db.transaction().execute(async (trx) => {
    const phone = normalizePhone(input.identifier);
    const account = await trx
      .selectFrom("account")
      .select("id")
      .where((eb) => (phone ? eb.or([eb("identifier", "=", input.identifier), eb("phone", "=", phone)]) : eb("identifier", "=", input.identifier)))
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!account) return { ok: false as const, error: "invalid" as const };
    const spent = await sql<{ id: number }>`
      update account_token set used_at = now()
      where account_id = ${account.id} and purpose = 'recovery' and token_hash = ${hashToken(code)} and used_at is null and expires_at > now()
      returning id`.execute(trx);
    if (spent.rows.length === 0) return { ok: false as const, error: "invalid" as const };
    await trx.updateTable("account").set({ pin_hash: pinHash, pin_chosen: false }).where("id", "=", account.id).execute();
    await trx.deleteFrom("session").where("account_id", "=", account.id).execute();
    await forgetDevices(trx, account.id);
    return { ok: true as const, value: { accountId: account.id, pin } };
  });
}

export const RESET_MINUTES = 60;

/** Sends a reset link when an account has this e-mail; says nothing either way. */
export async function requestPasswordReset(db: DB, email: string, origin: string): Promise<void> {
  const account = await db.selectFrom("account").select("id").where(sql`lower(email)`, "=", email.toLowerCase()).where("deleted_at", "is", null).executeTakeFirst();
  if (!account) return;
  const token = newToken();
  await db
    .insertInto("account_token")
    .values({ account_id: account.id, purpose: "password_reset", token_hash: hashToken(token), expires_at: new Date(Date.now() + RESET_MINUTES * 60_000) })
    .execute();
  await sendMail(db, {
    to: email,
    subject: "Parlons Quartier : choisir un nouveau mot de passe",
    text: `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n${origin}/mot-de-passe/${token}\n\nSi vous n'avez rien demandé, ignorez ce message.\n`,
  });
}

export async function resetPassword(db: DB, token: string, password: string): Promise<Result<{ accountId: number }, "invalid">> {
  const accountId = await spendToken(db, "password_reset", token);
  if (!accountId) return { ok: false, error: "invalid" };
  await db.updateTable("account").set({ password_hash: await hashSecret(password) }).where("id", "=", accountId).execute();
  await invalidateAllSessions(db, accountId);
  await forgetDevices(db, accountId);
  return { ok: true, value: { accountId } };
}

export { INVITATION_DAYS };
type InvitedRole = Exclude<Role, "admin">;

/**
 * What a viewer may invite: staff invite council members and moderators of their EPCI's QPVs;
 * only an admin invites staff. A staff member who could invite staff could make a second
 * account for themselves and confirm their own tally sheets with it (decision 0017).
 */
export function canInvite(viewer: Viewer, role: InvitedRole, target: { id: number; parentId: number | null; epciCode: string }, targetKind: string): boolean {
  if (role === "staff") return targetKind === "epci" && isAdmin(viewer);
  if (targetKind !== "qpv") return false;
  return holdsRole(viewer, "staff", target);
}

/** Whether the viewer holds the admin role. */
export const isAdmin = (viewer: Viewer) => viewer.grants.some((g) => g.role === "admin");

// Invariant: the link works once, before it expires; only its hash is stored.
export async function issueRoleInvitation(
  db: DB,
  viewer: Viewer,
  input: { role: InvitedRole; territoryId: number; college: "habitants" | "associations" | null; note: string | null },
): Promise<Result<{ token: string }, "forbidden" | "badTerritory">> {
  const target = await targetTerritory(db, input.territoryId);
  const kind = target ? (await db.selectFrom("territory").select("kind").where("id", "=", target.id).executeTakeFirstOrThrow()).kind : null;
  if (!target || !kind) return { ok: false, error: "badTerritory" };
  if (!canInvite(viewer, input.role, target, kind)) return { ok: false, error: kind === "qpv" || kind === "epci" ? "forbidden" : "badTerritory" };
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("role_invitation")
      .values({
        token_hash: hashToken(token),
        role: input.role,
        territory_id: input.territoryId,
        college: input.role === "council_member" ? (input.college ?? "habitants") : null,
        note: input.note,
        created_by: viewer.accountId,
        expires_at: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorAccountId: viewer.accountId,
      actorRole: actorRole(viewer, "staff"),
      action: "role_invitation.issue",
      targetType: "role_invitation",
      targetId: id,
      epciId: await epciIdOfTerritory(trx, input.territoryId),
      detail: { role: input.role, territoryId: input.territoryId },
    });
    return { ok: true as const, value: { token } };
  });
}

export async function inspectRoleInvitation(db: DB, token: string) {
  return db
    .selectFrom("role_invitation as i")
    .innerJoin("territory as t", "t.id", "i.territory_id")
    .select(["i.id", "i.role", "i.college", "i.used_at", "i.expires_at", "t.name as territoryName"])
    .where("i.token_hash", "=", hashToken(token))
    .executeTakeFirst();
}

// Invariant: an invitation grants its role once, to one account (new, or the signed-in one).
export async function acceptRoleInvitation(
  db: DB,
  token: string,
  who: { current: Viewer } | { identifier: string; displayName: string; password: string },
): Promise<Result<{ accountId: number }, "invalid" | "identifierTaken">> {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ id: number; role: InvitedRole; territory_id: number; college: "habitants" | "associations" | null; created_by: number | null }>`
      update role_invitation set used_at = now()
      where token_hash = ${hashToken(token)} and used_at is null and expires_at > now()
      returning id, role, territory_id, college, created_by`.execute(trx);
    const inv = claimed.rows[0];
    if (!inv) return { ok: false as const, error: "invalid" as const };
    // A staff invitation counts only when an admin issued it (older ones by staff do not).
    if (inv.role === "staff" && !(inv.created_by !== null && (await trx.selectFrom("role_assignment").select("account_id").where("account_id", "=", inv.created_by).where("role", "=", "admin").executeTakeFirst())))
      return { ok: false as const, error: "invalid" as const };
    let accountId: number;
    if ("current" in who) accountId = who.current.accountId;
    else {
      await sql`savepoint new_member`.execute(trx);
      try {
        accountId = (
          await trx
            .insertInto("account")
            .values({ identifier: who.identifier, display_name: who.displayName, password_hash: await hashSecret(who.password), verified_at: sql<Date>`now()` })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      } catch (error) {
        if ((error as { code?: string }).code !== "23505") throw error;
        await sql`rollback to savepoint new_member`.execute(trx);
        await trx.updateTable("role_invitation").set({ used_at: null }).where("id", "=", inv.id).execute();
        return { ok: false as const, error: "identifierTaken" as const };
      }
    }
    await trx
      .insertInto("role_assignment")
      .values({ account_id: accountId, role: inv.role, territory_id: inv.territory_id, college: inv.college, granted_by: inv.created_by })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx.updateTable("role_invitation").set({ used_by: accountId }).where("id", "=", inv.id).execute();
    await recordAudit(trx, {
      actorAccountId: accountId,
      actorRole: inv.role,
      action: "role_invitation.accept",
      targetType: "role_invitation",
      targetId: inv.id,
      epciId: await epciIdOfTerritory(trx, inv.territory_id),
      detail: { role: inv.role },
    });
    return { ok: true as const, value: { accountId } };
  });
}

// Invariant: one setting row per EPCI; under-15s may not post in debates unless staff say so.
export async function setUnder15CanPost(db: DB, viewer: Viewer, epciId: number, allowed: boolean): Promise<Result<null, "forbidden">> {
  const target = await targetTerritory(db, epciId);
  if (!target || !holdsRole(viewer, "staff", target)) return { ok: false, error: "forbidden" };
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("epci_setting")
      .values({ epci_id: epciId, under_15_can_post: allowed })
      .onConflict((oc) => oc.column("epci_id").doUpdateSet({ under_15_can_post: allowed, updated_at: sql<Date>`now()` }))
      .execute();
    await recordAudit(trx, { actorAccountId: viewer.accountId, actorRole: actorRole(viewer, "staff"), action: "setting.under_15_can_post", targetType: "epci", targetId: epciId, epciId, detail: { allowed } });
    return { ok: true as const, value: null };
  });
}

export async function under15CanPost(db: DB, epciId: number): Promise<boolean> {
  return (await db.selectFrom("epci_setting").select("under_15_can_post").where("epci_id", "=", epciId).executeTakeFirst())?.under_15_can_post ?? false;
}

export async function listResidentsForStaff(db: DB, epciIds: number[] | "all", filter: { unverifiedOnly: boolean; q: string | null }) {
  return db
    .selectFrom("account as a")
    .innerJoin("territory as t", "t.id", "a.territory_id")
    .innerJoin("territory as e", (j) => j.onRef("e.code", "=", "t.epci_code").onRef("e.epci_code", "=", "t.epci_code"))
    .select(["a.id", "a.display_name", "a.identifier", "a.email", "a.phone", "a.verified_at", "a.created_at", "t.name as territoryName"])
    .where("a.deleted_at", "is", null)
    .$if(epciIds !== "all", (q) => q.where("e.id", "in", epciIdList(epciIds)))
    .$if(filter.unverifiedOnly, (q) => q.where("a.verified_at", "is", null))
    .$if(Boolean(filter.q), (q) =>
      q.where((eb) => eb.or([eb("a.identifier", "ilike", `%${filter.q}%`), eb("a.email", "ilike", `%${filter.q}%`), eb("a.phone", "ilike", `%${filter.q}%`), eb("a.display_name", "ilike", `%${filter.q}%`)])),
    )
    .orderBy("a.created_at", "desc")
    .limit(100)
    .execute();
}

/** Where staff can invite someone: their EPCIs (for staff), then their QPVs (council, moderation). */
export async function invitablePlaces(db: DB, epciIds: number[] | "all") {
  return db
    .selectFrom("territory as t")
    .innerJoin("territory as e", (j) => j.onRef("e.code", "=", "t.epci_code").onRef("e.epci_code", "=", "t.epci_code"))
    .select(["t.id", "t.name", "t.kind"])
    .where("t.kind", "in", ["epci", "qpv"])
    .$if(epciIds !== "all", (q) => q.where("e.id", "in", epciIdList(epciIds)))
    .orderBy(sql`t.kind = 'epci'`, "desc")
    .orderBy("t.name")
    .execute();
}

export async function accountDetails(db: DB, accountId: number) {
  return db.selectFrom("account").select(["age_band", "gender"]).where("id", "=", accountId).executeTakeFirstOrThrow();
}

// Invariant: a resident's own details are an age band and a gender (or nothing), never a birth date.
export async function updateOwnDetails(db: DB, resident: Viewer, details: { ageBand: AgeBand | null; gender: Gender | null }): Promise<void> {
  await db.updateTable("account").set({ age_band: details.ageBand, gender: details.gender }).where("id", "=", resident.accountId).execute();
}
