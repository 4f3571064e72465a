// Use cases of the accounts context. Each staff write runs in one transaction with its audit record.
import { randomBytes, randomInt } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import type { AgeBand, Database, Gender } from "../../../db/schema.js";
import { hashSecret } from "../../auth/password.server.js";
import { actorRole, holdsRole, targetTerritory, type Viewer } from "../../auth/guard.server.js";
import { changingCounted, responsesOfAccount } from "../consultations/counters.server.js";
import { recordAudit } from "../audit/audit.server.js";
import { epciIdByCode } from "../territory/queries.server.js";
import { codeRefusal, drawPin, generateCode, identifierFor, type RedeemRefusal } from "./rules.js";

export { authenticate } from "./sign-in.server.js";

type DB = Kysely<Database>;
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

function randomCodes(n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    const bytes = randomBytes(32);
    let i = 0;
    out.add(generateCode(() => (i < bytes.length ? bytes[i++]! : randomBytes(1)[0]!)));
  }
  return [...out];
}

// Invariant: a batch holds exactly `size` distinct codes, each unique across all batches.
export async function createInvitationBatch(
  db: DB,
  viewer: Viewer,
  input: { territoryId: number; label: string; size: number; expiresAt: Date; helpText: string },
): Promise<Result<{ batchId: number }, "forbidden" | "badTerritory">> {
  const target = await targetTerritory(db, input.territoryId);
  if (!target) return { ok: false, error: "badTerritory" };
  if (!holdsRole(viewer, "staff", target)) return { ok: false, error: "forbidden" };
  const kind = (await db.selectFrom("territory").select("kind").where("id", "=", input.territoryId).executeTakeFirstOrThrow()).kind;
  if (!["sous_secteur", "qpv", "secteur_vigilance"].includes(kind)) return { ok: false, error: "badTerritory" };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("invitation_batch")
      .values({ territory_id: input.territoryId, label: input.label, size: input.size, expires_at: input.expiresAt, help_text: input.helpText, created_by: viewer.accountId })
      .returning("id")
      .executeTakeFirstOrThrow();
    let missing = input.size;
    while (missing > 0) {
      const inserted = await trx
        .insertInto("invitation_code")
        .values(randomCodes(missing).map((code) => ({ batch_id: id, code })))
        .onConflict((oc) => oc.column("code").doNothing())
        .returning("id")
        .execute();
      missing -= inserted.length;
    }
    await recordAudit(trx, {
      actorAccountId: viewer.accountId,
      actorRole: actorRole(viewer, "staff"),
      action: "invitation_batch.create",
      targetType: "invitation_batch",
      targetId: id,
      epciId: await epciIdByCode(trx, target.epciCode),
      detail: { label: input.label, size: input.size, territoryId: input.territoryId },
    });
    return { ok: true as const, value: { batchId: id } };
  });
}

async function batchScope(db: DB, batchId: number) {
  return db
    .selectFrom("invitation_batch as b")
    .innerJoin("territory as t", "t.id", "b.territory_id")
    .select(["b.id", "t.id as territoryId", "t.parent_id as parentId", "t.epci_code as epciCode"])
    .where("b.id", "=", batchId)
    .executeTakeFirst();
}

// Invariant: only codes never redeemed are revoked; a redeemed code keeps its account.
export async function revokeUnusedCodes(db: DB, viewer: Viewer, batchId: number): Promise<Result<{ revoked: number }, "forbidden" | "notFound">> {
  const scope = await batchScope(db, batchId);
  if (!scope) return { ok: false, error: "notFound" };
  if (!holdsRole(viewer, "staff", { id: scope.territoryId, parentId: scope.parentId, epciCode: scope.epciCode })) return { ok: false, error: "forbidden" };
  return db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("invitation_code")
      .set({ revoked_at: sql<Date>`now()` })
      .where("batch_id", "=", batchId)
      .where("redeemed_at", "is", null)
      .where("revoked_at", "is", null)
      .returning("id")
      .execute();
    await recordAudit(trx, {
      actorAccountId: viewer.accountId,
      actorRole: actorRole(viewer, "staff"),
      action: "invitation_batch.revoke_unused",
      targetType: "invitation_batch",
      targetId: batchId,
      epciId: await epciIdByCode(trx, scope.epciCode),
      detail: { revoked: revoked.length },
    });
    return { ok: true as const, value: { revoked: revoked.length } };
  });
}

export interface BatchHelp {
  helpText: string;
  helpTextFalc?: string | null;
  helpTextEn?: string | null;
  helpTextAr?: string | null;
}

// Invariant: only staff of the batch's EPCI rewrite where its cards are handed out; the French
// text stays, the other versions are optional (blank → none). The codes are untouched.
export async function updateBatchHelp(db: DB, viewer: Viewer, batchId: number, input: BatchHelp): Promise<Result<null, "forbidden" | "notFound">> {
  const scope = await batchScope(db, batchId);
  if (!scope) return { ok: false, error: "notFound" };
  if (!holdsRole(viewer, "staff", { id: scope.territoryId, parentId: scope.parentId, epciCode: scope.epciCode })) return { ok: false, error: "forbidden" };
  const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  const values = { help_text: input.helpText.trim(), help_text_falc: clean(input.helpTextFalc), help_text_en: clean(input.helpTextEn), help_text_ar: clean(input.helpTextAr) };
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("invitation_batch").set(values).where("id", "=", batchId).execute();
    await recordAudit(trx, {
      actorAccountId: viewer.accountId,
      actorRole: actorRole(viewer, "staff"),
      action: "invitation_batch.help_update",
      targetType: "invitation_batch",
      targetId: batchId,
      epciId: await epciIdByCode(trx, scope.epciCode),
      // Which versions it now has, not the texts.
      detail: { versions: Object.entries({ fr: values.help_text, falc: values.help_text_falc, en: values.help_text_en, ar: values.help_text_ar }).filter(([, v]) => v).map(([k]) => k) },
    });
    return { ok: true as const, value: null };
  });
}

export interface RedeemableCode {
  code: string;
  batchTerritory: { id: number; name: string; kind: string };
  subsectors: { id: number; name: string }[];
}

/** Checks a code without spending it: what the resident will join. */
export async function inspectCode(db: DB, code: string): Promise<Result<RedeemableCode, RedeemRefusal>> {
  const row = await db
    .selectFrom("invitation_code as c")
    .innerJoin("invitation_batch as b", "b.id", "c.batch_id")
    .innerJoin("territory as t", "t.id", "b.territory_id")
    .select(["c.code", "c.redeemed_at", "c.revoked_at", "b.expires_at", "t.id as tId", "t.name as tName", "t.kind as tKind"])
    .where("c.code", "=", code)
    .executeTakeFirst();
  const refusal = codeRefusal(row, new Date());
  if (refusal || !row) return { ok: false, error: refusal ?? "unknown" };
  const subsectors = row.tKind === "qpv" ? await db.selectFrom("territory").select(["id", "name"]).where("parent_id", "=", row.tId).where("kind", "=", "sous_secteur").orderBy("name").execute() : [];
  return { ok: true, value: { code: row.code, batchTerritory: { id: row.tId, name: row.tName, kind: row.tKind }, subsectors } };
}

export interface RedeemInput {
  code: string;
  displayName: string;
  /** A PIN is drawn by the system (decision 0018); a password is the resident's own. */
  secret: { kind: "pin" } | { kind: "password"; value: string };
  subsectorId: number | null;
  ageBand: AgeBand | null;
  gender: Gender | null;
}

// Invariant: a code is spent exactly once (an atomic claim), and one redemption makes at
// most one account; redeeming while signed in verifies the current account instead.
// A new account's PIN is drawn uniformly among the allowed ones and returned once, to show.
export async function redeemCode(
  db: DB,
  input: RedeemInput,
  current: Viewer | null,
): Promise<Result<{ accountId: number; identifier: string | null; created: boolean; pin: string | null }, RedeemRefusal | "badSubsector">> {
  const inspected = await inspectCode(db, input.code);
  if (!inspected.ok) return inspected;
  const batchTerritory = inspected.value.batchTerritory;
  let territoryId = batchTerritory.id;
  if (inspected.value.subsectors.length > 0) {
    if (!input.subsectorId || !inspected.value.subsectors.some((s) => s.id === input.subsectorId)) return { ok: false, error: "badSubsector" };
    territoryId = input.subsectorId;
  }
  const territoryName = (await db.selectFrom("territory").select("name").where("id", "=", territoryId).executeTakeFirstOrThrow()).name;
  const pin = input.secret.kind === "pin" && !current ? drawPin((n) => randomInt(n)) : null;
  const secretHash = current ? null : await hashSecret(input.secret.kind === "pin" ? pin! : input.secret.value);

  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ id: number }>`
      update invitation_code c set redeemed_at = now(), redeemed_territory_id = ${territoryId}
      from invitation_batch b
      where c.batch_id = b.id and c.code = ${input.code} and c.redeemed_at is null and c.revoked_at is null and b.expires_at > now()
      returning c.id`.execute(trx);
    if (claimed.rows.length === 0) {
      const again = await inspectCode(trx as unknown as DB, input.code);
      return { ok: false as const, error: again.ok ? ("spent" as const) : again.error };
    }
    const codeId = claimed.rows[0]!.id;
    if (current) {
      await changingCounted(trx, await responsesOfAccount(trx, current.accountId), async () => {
        await trx
          .updateTable("account")
          .set((eb) => ({ verified_at: sql<Date>`coalesce(verified_at, now())`, territory_id: eb.fn.coalesce("territory_id", sql<number>`${territoryId}`) }))
          .where("id", "=", current.accountId)
          .execute();
        return { result: null, responseIds: await responsesOfAccount(trx, current.accountId) };
      });
      await trx.updateTable("invitation_code").set({ redeemed_by: current.accountId }).where("id", "=", codeId).execute();
      return { ok: true as const, value: { accountId: current.accountId, identifier: current.identifier, created: false, pin: null } };
    }
    for (let attempt = 0; ; attempt++) {
      const identifier = identifierFor(territoryName, randomInt(0, 10000));
      await sql`savepoint new_identifier`.execute(trx);
      try {
        const { id } = await trx
          .insertInto("account")
          .values({
            display_name: input.displayName,
            identifier,
            territory_id: territoryId,
            verified_at: sql<Date>`now()`,
            pin_hash: input.secret.kind === "pin" ? secretHash : null,
            password_hash: input.secret.kind === "password" ? secretHash : null,
            age_band: input.ageBand,
            gender: input.gender,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await sql`release savepoint new_identifier`.execute(trx);
        await trx.updateTable("invitation_code").set({ redeemed_by: id }).where("id", "=", codeId).execute();
        return { ok: true as const, value: { accountId: id, identifier, created: true, pin } };
      } catch (error) {
        if ((error as { code?: string }).code !== "23505" || attempt > 20) throw error;
        await sql`rollback to savepoint new_identifier`.execute(trx);
      }
    }
  });
}
