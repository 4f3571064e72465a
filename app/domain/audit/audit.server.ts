// The audit log: who did what, when, on which target — written in the caller's transaction,
// so a write and its record land together or not at all. Never a resident's answer. The
// journal reads it through queries.server.ts.
import type { Transaction } from "kysely";
import type { Database } from "../../../db/schema.js";

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
