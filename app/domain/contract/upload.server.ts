// Staff upload a contract file from a page: the same checks as the command, plus who may.
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { actorRole, holdsRole, type Viewer } from "../../auth/guard.server.js";
import { recordAudit } from "../audit/audit.server.js";
import type { Problem } from "./dataset.js";
import { datasetEpci, importContractFile, type ImportResult } from "./import.server.js";

export type UploadResult = ImportResult | { ok: false; errors: Problem[]; warnings: Problem[]; forbidden: true };

// Invariant: staff import contracts of their own EPCI only (a new EPCI needs an admin), and a
// contract code held by another EPCI is refused (only an admin may move it); the import and
// its audit records commit together.
export async function importContractAsStaff(db: Kysely<Database>, viewer: Viewer, raw: string, fileName: string, { moveCode = false }: { moveCode?: boolean } = {}): Promise<UploadResult> {
  const admin = viewer.grants.some((g) => g.role === "admin");
  const epciCode = datasetEpci(raw);
  if (epciCode) {
    const epci = await db.selectFrom("territory").select(["id", "parent_id", "epci_code"]).where("code", "=", epciCode).where("epci_code", "=", epciCode).where("kind", "=", "epci").executeTakeFirst();
    const allowed = epci ? holdsRole(viewer, "staff", { id: epci.id, parentId: epci.parent_id, epciCode: epci.epci_code }) : viewer.grants.some((g) => g.role === "admin");
    if (!allowed) return { ok: false, errors: [{ path: "contract.epci", message: `${epciCode}: not an EPCI you work for` }], warnings: [], forbidden: true };
  }
  return importContractFile(db, raw, fileName, {
    moveCode: admin && moveCode,
    afterWrite: async (trx, result) => {
      const epci = await trx.selectFrom("contract").select("epci_id").where("id", "=", result.contractId).executeTakeFirstOrThrow();
      await recordAudit(trx, {
        actorAccountId: viewer.accountId,
        actorRole: actorRole(viewer, "staff"),
        action: result.created ? "contract.import" : "contract.reimport",
        targetType: "contract",
        targetId: result.contractId,
        epciId: epci.epci_id,
        detail: { code: result.contractCode, fileName, counts: result.counts, removed: result.removed, withdrawn: result.withdrawn, ...(result.movedFrom ? { movedFrom: result.movedFrom.epciCode } : {}) },
      });
      // A moved code is in the journal of the EPCI that lost it too.
      if (result.movedFrom)
        await recordAudit(trx, {
          actorAccountId: viewer.accountId,
          actorRole: "admin",
          action: "contract.move_away",
          targetType: "contract",
          targetId: result.contractId,
          epciId: result.movedFrom.epciId,
          detail: { code: result.contractCode, fileName, movedTo: datasetEpci(raw) },
        });
    },
  });
}
