// « Mes données »: download everything stored about me, or delete my account.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requireViewer } from "../auth/guard.server.js";
import { clearSessionCookie } from "../auth/session.server.js";
import { deleteAccount } from "../domain/accounts/privacy.server.js";
import { useT } from "../i18n/i18n.js";
import { pageTitle } from "../utils/meta.js";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "myData.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireViewer(request, context);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await request.formData();
  if (form.get("intent") !== "delete") throw new Response(null, { status: 400 });
  if (form.get("confirm") !== "on") return json({ error: "myData.confirmNeeded" }, { status: 400 });
  await deleteAccount(context.db, viewer.accountId);
  return redirect("/?compte=supprime", { headers: { "Set-Cookie": clearSessionCookie(context.secure) } });
}

export default function MyData() {
  const data = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to="/compte">{t("account.title")}</Link>
      </p>
      <h1>{t("myData.title")}</h1>
      <p>{t("myData.intro")}</p>
      <p>
        <a className="button-link" href="/compte/donnees.json" download>
          {t("myData.download")}
        </a>
      </p>
      <h2>{t("myData.deleteTitle")}</h2>
      <p>{t("myData.deleteExplain")}</p>
      {data?.error ? (
        <p className="error" role="alert" id="confirm-error">
          {t(data.error)}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <div className="check">
          <input id="confirm" name="confirm" type="checkbox" aria-describedby={data?.error ? "confirm-error" : undefined} />
          <label htmlFor="confirm">{t("myData.confirm")}</label>
        </div>
        <button type="submit" name="intent" value="delete" className="danger">
          {t("myData.delete")}
        </button>
      </Form>
    </>
  );
}
