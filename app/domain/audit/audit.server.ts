// The audit log: who did what, when, on which target — written in the caller's transaction,
// so a write and its record land together or not at all. Never a resident's answer.
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";
import { epciIdList } from "../territory/queries.server.js";

export interface AuditInput {
  actorAccountId: number | null;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string | number | null;
  epciId: number | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_event")
    .values({
      actor_account_id: input.actorAccountId,
      actor_role: input.actorRole,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId === null ? null : String(input.targetId),
      epci_id: input.epciId,
      detail: JSON.stringify(input.detail ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, filter: { epciIds: number[] | "all"; action?: string | null; limit?: number }) {
  return db
    .selectFrom("audit_event as e")
    .leftJoin("account as a", "a.id", "e.actor_account_id")
    .leftJoin("territory as t", "t.id", "e.epci_id")
    .select(["e.id", "e.created_at", "e.action", "e.actor_role", "e.target_type", "e.target_id", "e.detail", "a.identifier as actorIdentifier", "a.display_name as actorName", "t.name as epciName"])
    .$if(filter.epciIds !== "all", (q) => q.where("e.epci_id", "in", epciIdList(filter.epciIds)))
    .$if(Boolean(filter.action), (q) => q.where("e.action", "=", filter.action!))
    .orderBy("e.id", "desc")
    .limit(filter.limit ?? 200)
    .execute();
}

export async function auditActions(db: Kysely<Database>) {
  return (await db.selectFrom("audit_event").select(sql<string>`distinct action`.as("action")).orderBy("action").execute()).map((r) => r.action);
}
