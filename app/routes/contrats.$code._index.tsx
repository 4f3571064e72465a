// A contract: its ambitions and its objective tree, with a search over titles.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getContract, objectiveRows } from "../domain/contract/queries.server.js";
import { buildObjectiveTree, type TreeNode } from "../domain/contract/rules.js";
import { useT } from "../i18n/i18n.js";
import { Fr } from "../ui/Fr.js";
import { notFound } from "../utils/http.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => pageTitle(matches, null, data?.contract.name);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const contract = await getContract(context.db, params.code ?? "");
  if (!contract) notFound();
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const { roots, matches } = buildObjectiveTree(await objectiveRows(context.db, contract.id), q);
  return json({ contract, q, roots, matches });
}

function Tree({ nodes, contractCode }: { nodes: TreeNode[]; contractCode: string }) {
  const { t } = useT();
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.id} className={n.matched ? "match" : undefined}>
          <span className="kind">{t(`kinds.${n.kind}`)}</span>{" "}
          <Link to={`/contrats/${contractCode}/objectifs/${encodeURIComponent(n.code)}`}>
            <span className="code">{n.code}</span> <Fr>{n.title}</Fr>
          </Link>
          {n.withdrawn ? <span className="badge badge-archive">{t("contract.withdrawn")}</span> : null}
          {n.children.length > 0 ? <Tree nodes={n.children} contractCode={contractCode} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function ContractPage() {
  const { contract, q, roots, matches } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>
        <Fr>{contract.name}</Fr> ({contract.startYear}-{contract.endYear})
      </h1>
      <p>
        <Fr>{contract.epciName}</Fr>{" "}
        <span className={contract.inForce ? "badge badge-inforce" : "badge badge-archive"}>{contract.inForce ? t("contract.inForce") : t("contract.archive")}</span>
      </p>
      <p className="hint">
        {t("place.source")} <Fr>{contract.sourceTitle}</Fr> — <Fr>{contract.sourcePublisher}</Fr>
      </p>
      {contract.ambitions.length > 0 ? (
        <section aria-labelledby="ambitions-h">
          <h2 id="ambitions-h">{t("contract.ambitions")}</h2>
          <ul>
            {contract.ambitions.map((a) => (
              <li key={a}>
                <Fr>{a}</Fr>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="tree-h">
        <h2 id="tree-h">{t("contract.objectives")}</h2>
        <Form method="get" role="search" className="search-form">
          <label htmlFor="objective-q">{t("contract.searchLabel")}</label>
          <div className="inline-field">
            <input id="objective-q" name="q" type="search" defaultValue={q} autoComplete="off" />
            <button type="submit">{t("contract.searchButton")}</button>
          </div>
        </Form>
        {q ? (
          <p role="status">
            {t("contract.matches", { count: matches, query: q })} <Link to={`/contrats/${contract.code}`}>{t("contract.showAll")}</Link>
          </p>
        ) : null}
        <Tree nodes={roots} contractCode={contract.code} />
      </section>
    </>
  );
}
