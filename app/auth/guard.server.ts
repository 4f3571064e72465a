// Who is asking, and may they? One guard, requireRole(request, context, role, territoryId),
// protects every protected loader and action.
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { sql, type Kysely } from "kysely";
import { acceptSessionRow, parseSessionToken } from "./session.server.js";
import type { Database, Role, TerritoryKind } from "../../db/schema.js";

export type RoleOrResident = Role | "resident";

export interface Grant {
  role: Role;
  territoryId: number | null;
  territoryName: string | null;
  territoryKind: TerritoryKind | null;
  epciCode: string | null;
  college: "habitants" | "associations" | null;
}

export interface Viewer {
  accountId: number;
  sessionId: string;
  persistent: boolean;
  displayName: string | null;
  identifier: string | null;
  email: string | null;
  verified: boolean;
  /** Where a resident belongs. */
  territory: { id: number; name: string; parentId: number | null; epciCode: string } | null;
  grants: Grant[];
}

export interface TargetTerritory {
  id: number;
  parentId: number | null;
  epciCode: string;
}

type DB = Kysely<Database>;

/** The account, its territory and its role grants, as one select (one query per request). */
function viewerQuery(db: DB) {
  return db
    .selectFrom("account as a")
    .leftJoin("territory as t", "t.id", "a.territory_id")
    .select([
      "a.id",
      "a.display_name",
      "a.identifier",
      "a.email",
      "a.verified_at",
      "a.deleted_at",
      "t.id as tId",
      "t.name as tName",
      "t.parent_id as tParent",
      "t.epci_code as tEpci",
      sql<Viewer["grants"]>`coalesce((
        select json_agg(json_build_object('role', r.role, 'territoryId', r.territory_id, 'college', r.college, 'territoryName', g.name, 'territoryKind', g.kind, 'epciCode', g.epci_code))
        from role_assignment r left join territory g on g.id = r.territory_id where r.account_id = a.id), '[]'::json)`.as("grants"),
    ]);
}

type ViewerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof viewerQuery>["executeTakeFirst"]>>>;

function toViewer(account: ViewerRow, session: { id: string; persistent: boolean }): Viewer {
  return {
    accountId: account.id,
    sessionId: session.id,
    persistent: session.persistent,
    displayName: account.display_name,
    identifier: account.identifier,
    email: account.email,
    verified: account.verified_at !== null,
    territory: account.tId ? { id: account.tId, name: account.tName!, parentId: account.tParent, epciCode: account.tEpci! } : null,
    grants: account.grants,
  };
}

export async function loadViewer(db: DB, session: { id: string; accountId: number; persistent: boolean }): Promise<Viewer | null> {
  const account = await viewerQuery(db).where("a.id", "=", session.accountId).executeTakeFirst();
  if (!account || account.deleted_at) return null;
  return toViewer(account, session);
}

/**
 * The viewer a session token names, session and account read in one query (on every
 * signed-in request), checked as `validateSessionToken` checks it. Null for anything wrong.
 */
export async function loadViewerFromToken(db: DB, token: string | null | undefined): Promise<Viewer | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const row = await viewerQuery(db)
    .innerJoin("session as s", "s.account_id", "a.id")
    .select(["s.id as sid", "s.account_id", "s.secret_hash", "s.persistent", "s.expires_at", "s.refreshed_at"])
    .where("s.id", "=", parsed.id)
    .where("a.deleted_at", "is", null)
    .executeTakeFirst();
  const session = await acceptSessionRow(db, row && { ...row, id: row.sid }, parsed.secret);
  return session && row ? toViewer(row, session) : null;
}

/** Whether a viewer holds a role over a territory (or anywhere, without one). Pure: unit-tested. */
export function holdsRole(viewer: Viewer, role: RoleOrResident, target?: TargetTerritory | null): boolean {
  if (viewer.grants.some((g) => g.role === "admin")) return true;
  if (role === "resident") {
    if (!viewer.territory) return false;
    if (!target) return true;
    return viewer.territory.id === target.id || viewer.territory.parentId === target.id;
  }
  return viewer.grants.some((g) => {
    if (g.role !== role) return false;
    if (!target) return true;
    if (g.role === "staff") return g.epciCode === target.epciCode;
    return g.territoryId === target.id || g.territoryId === target.parentId;
  });
}

export async function targetTerritory(db: DB, territoryId: number): Promise<TargetTerritory | null> {
  const t = await db.selectFrom("territory").select(["id", "parent_id", "epci_code"]).where("id", "=", territoryId).executeTakeFirst();
  return t ? { id: t.id, parentId: t.parent_id, epciCode: t.epci_code } : null;
}

/** Whether a (possibly anonymous) viewer is staff over a territory: for previews and staff-only views. */
export async function isStaffOf(db: DB, viewer: Viewer | null, territoryId: number): Promise<boolean> {
  if (!viewer) return false;
  const target = await targetTerritory(db, territoryId);
  return Boolean(target && holdsRole(viewer, "staff", target));
}

/** The EPCI territory ids a staff viewer covers ("all" for an admin). */
export async function staffEpciIds(db: DB, viewer: Viewer): Promise<number[] | "all"> {
  if (viewer.grants.some((g) => g.role === "admin")) return "all";
  const codes = viewer.grants.filter((g) => g.role === "staff" && g.epciCode).map((g) => g.epciCode!);
  if (codes.length === 0) return [];
  const rows = await db.selectFrom("territory").select("id").where("kind", "=", "epci").where("code", "in", codes).whereRef("code", "=", "epci_code").execute();
  return rows.map((r) => r.id);
}

export function getViewer(context: AppLoadContext): Promise<Viewer | null> {
  return context.viewer ?? Promise.resolve(null);
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function forbidden(): never {
  throw new Response(null, { status: 403, statusText: "Forbidden" });
}

/**
 * The one guard. Anonymous → the log-in page (then back); signed in without the role over
 * that territory → 403. Returns the viewer.
 */
export async function requireRole(request: Request, context: AppLoadContext, role: RoleOrResident | RoleOrResident[], territoryId?: number | null): Promise<Viewer> {
  const viewer = await getViewer(context);
  if (!viewer) loginRedirect(request);
  const target = territoryId ? await targetTerritory(context.db, territoryId) : null;
  if (territoryId && !target) throw new Response(null, { status: 404 });
  const roles = Array.isArray(role) ? role : [role];
  if (!roles.some((r) => holdsRole(viewer, r, target))) forbidden();
  return viewer;
}

export async function requireViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = await getViewer(context);
  if (!viewer) loginRedirect(request);
  return viewer;
}

/** The role an audit record names for this viewer acting as `role`. */
export function actorRole(viewer: Viewer, role: RoleOrResident): string {
  return viewer.grants.some((g) => g.role === "admin") && !viewer.grants.some((g) => g.role === role) ? "admin" : role;
}
