import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listContracts } from "../domain/contract/queries.server.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "contracts.title");

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ contracts: await listContracts(context.db) });
}

export default function Contracts() {
  const { contracts } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("contracts.title")}</h1>
      <p className="lead">{t("contracts.intro")}</p>
      {contracts.length === 0 ? <p>{t("contracts.none")}</p> : null}
      <ul className="cards">
        {contracts.map((c) => (
          <li key={c.id}>
            <h2>
              <Link to={`/contrats/${c.code}`}>
                <Fr>{c.name}</Fr> ({c.startYear}-{c.endYear})
              </Link>
            </h2>
            <p>
              <Fr>{c.epciName}</Fr>{" "}
              <span className={c.inForce ? "badge badge-inforce" : "badge badge-archive"}>{c.inForce ? t("contract.inForce") : t("contract.archive")}</span>
            </p>
            <p className="hint">{t("contracts.objectiveCount", { count: c.objectiveCount })}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
