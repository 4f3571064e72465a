// Staff: upload a contract file (contrat-de-ville/v1), checked and audited like the command.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "../auth/guard.server.js";
import { formatProblem } from "../domain/contract/dataset.js";
import { listContracts } from "../domain/contract/queries.server.js";
import { importContractAsStaff } from "../domain/contract/upload.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { StaffNav } from "../ui/StaffNav.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "staff.contractsTitle");

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  return json({ contracts: await listContracts(context.db), admin: viewer.grants.some((g) => g.role === "admin") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireRole(request, context, "staff");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BYTES) return json({ ok: false as const, problems: ["(file): larger than 5 MB"], summary: null }, { status: 400 });
  const form = await request.formData();
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return json({ ok: false as const, problems: [] as string[], summary: "staff.fileMissing" }, { status: 400 });
  const result = await importContractAsStaff(context.db, viewer, await file.text(), file.name || "upload.json", { moveCode: form.get("moveCode") === "on" });
  if (!result.ok) {
    if ("conflict" in result && result.conflict)
      return json({ ok: false as const, problems: result.errors.map(formatProblem), summary: "staff.fileCodeTaken", epci: result.conflict.epciName }, { status: 409 });
    return json({ ok: false as const, problems: result.errors.map(formatProblem), summary: "forbidden" in result ? "staff.fileForbidden" : "staff.fileRefused" }, { status: "forbidden" in result ? 403 : 400 });
  }
  return json({ ok: true as const, problems: result.warnings.map(formatProblem), summary: result.created ? "staff.fileImported" : "staff.fileUpdated", code: result.contractCode });
}

export default function StaffContracts() {
  const { contracts, admin } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <StaffNav />
      <h1>{t("staff.contractsTitle")}</h1>
      <p>{t("staff.contractsIntro")}</p>
      {data?.summary ? (
        <div className={data.ok ? "notice" : "error-box"} role={data.ok ? "status" : "alert"}>
          <p>
            {t(data.summary, { epci: "epci" in data ? data.epci : "" })} {"code" in data && data.code ? <Link to={`/contrats/${data.code}`}>{data.code}</Link> : null}
          </p>
          {data.problems.length > 0 ? (
            <ul lang="en" dir="ltr">
              {data.problems.slice(0, 200).map((p, i) => (
                <li key={i}>
                  <code>{p}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="file">{t("staff.file")}</label>
          <input id="file" name="file" type="file" accept="application/json,.json" />
        </div>
        {admin ? (
          <div className="field">
            <input id="moveCode" name="moveCode" type="checkbox" />
            <label htmlFor="moveCode">{t("staff.moveCode")}</label>
          </div>
        ) : null}
        <button type="submit" className="primary">
          {t("staff.upload")}
        </button>
      </Form>
      <h2>{t("contracts.title")}</h2>
      <ul>
        {contracts.map((c) => (
          <li key={c.id}>
            <Link to={`/contrats/${c.code}`}>
              <Fr>{c.name}</Fr> ({c.startYear}-{c.endYear})
            </Link>{" "}
            <span className={c.inForce ? "badge badge-inforce" : "badge badge-archive"}>{c.inForce ? t("contract.inForce") : t("contract.archive")}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
