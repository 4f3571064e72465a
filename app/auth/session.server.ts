// Sessions by Lucia's design: the cookie holds `id.secret`; the database holds the id and
// sha256(secret) only, compared in constant time. Expiry slides: 30 days, refreshed at most
// hourly. « Ne pas rester connecté » gives a browser-session cookie that also ends after
// 30 idle minutes.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { RETENTION } from "../domain/accounts/retention.js";
import { readCookie } from "../utils/cookies.js";

export const SESSION_COOKIE = "pq_session";
/** A random value a device keeps after signing in, so that it is known the next time (decision 0018). */
export const DEVICE_COOKIE = "pq_device";
const DAY = 24 * 60 * 60 * 1000;
export const PERSISTENT_LIFETIME_MS = 30 * DAY;
export const PERSISTENT_REFRESH_MS = 60 * 60 * 1000;
export const SHARED_DEVICE_IDLE_MS = 30 * 60 * 1000;
export const SHARED_DEVICE_REFRESH_MS = 60 * 1000;
export const DEVICE_LIFETIME_MS = RETENTION.signInDeviceDays * DAY;

type DB = Kysely<Database>;

const randomToken = (bytes: number) => encodeBase32LowerCaseNoPadding(randomBytes(bytes));
const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

export interface SessionRecord {
  id: string;
  accountId: number;
  persistent: boolean;
  expiresAt: Date;
}

export async function createSession(db: DB, accountId: number, options: { persistent: boolean; userAgent?: string | null }): Promise<{ token: string; session: SessionRecord }> {
  const id = randomToken(15);
  const secret = randomToken(20);
  const expiresAt = new Date(Date.now() + (options.persistent ? PERSISTENT_LIFETIME_MS : SHARED_DEVICE_IDLE_MS));
  await db
    .insertInto("session")
    .values({ id, account_id: accountId, secret_hash: hashSecret(secret), persistent: options.persistent, expires_at: expiresAt, user_agent: options.userAgent?.slice(0, 200) ?? null })
    .execute();
  return { token: `${id}.${secret}`, session: { id, accountId, persistent: options.persistent, expiresAt } };
}

/** A token's two halves, or null when it cannot be one of ours. */
export function parseSessionToken(token: string | null | undefined): { id: string; secret: string } | null {
  if (!token || token.length > 100) return null;
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || !/^[a-z2-7]{1,40}$/.test(id) || !/^[a-z2-7]{1,60}$/.test(secret)) return null;
  return { id, secret };
}

export interface SessionRow {
  id: string;
  account_id: number;
  secret_hash: Uint8Array | Buffer;
  persistent: boolean;
  expires_at: Date;
  refreshed_at: Date;
}

/**
 * Checks a session row read for a token: the secret's hash in constant time, the expiry
 * (an expired session is deleted), and the sliding refresh. Null for anything wrong.
 */
export async function acceptSessionRow(db: DB, row: SessionRow | undefined, secret: string): Promise<SessionRecord | null> {
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) {
    await db.deleteFrom("session").where("id", "=", row.id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  const refreshEvery = row.persistent ? PERSISTENT_REFRESH_MS : SHARED_DEVICE_REFRESH_MS;
  if (now - row.refreshed_at.getTime() >= refreshEvery) {
    expiresAt = new Date(now + (row.persistent ? PERSISTENT_LIFETIME_MS : SHARED_DEVICE_IDLE_MS));
    await db.updateTable("session").set({ expires_at: expiresAt, refreshed_at: sql<Date>`now()` }).where("id", "=", row.id).execute();
  }
  return { id: row.id, accountId: row.account_id, persistent: row.persistent, expiresAt };
}

/**
 * The session row a token names, in SQL, for a statement that must act only for a live
 * session (the answer route's one-call path): the hash of its secret matches, it has not
 * expired, its account is not deleted. `acceptSessionRow` checks the row again afterwards.
 */
export function liveSessionRow(token: { id: string; secret: string }) {
  return sql<SessionRow & { territory_id: number | null }>`
    select s.id, s.account_id, s.secret_hash, s.persistent, s.expires_at, s.refreshed_at, a.territory_id
    from session s join account a on a.id = s.account_id
    where s.id = ${token.id} and s.secret_hash = ${hashSecret(token.secret)} and s.expires_at > now() and a.deleted_at is null`;
}

/** The session a token names, or null for anything tampered, expired, unknown or garbage. */
export async function validateSessionToken(db: DB, token: string | null | undefined): Promise<SessionRecord | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const row = await db
    .selectFrom("session")
    .innerJoin("account", "account.id", "session.account_id")
    .select(["session.id", "session.account_id", "session.secret_hash", "session.persistent", "session.expires_at", "session.refreshed_at"])
    .where("session.id", "=", parsed.id)
    .where("account.deleted_at", "is", null)
    .executeTakeFirst();
  return acceptSessionRow(db, row, parsed.secret);
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

export async function invalidateAllSessions(db: DB, accountId: number): Promise<void> {
  await db.deleteFrom("session").where("account_id", "=", accountId).execute();
}

export function sessionCookie(token: string, options: { persistent: boolean; secure: boolean }): string {
  // A persistent cookie outlives the server-side expiry, which is what ends the session.
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (options.persistent) parts.push(`Max-Age=${400 * 24 * 60 * 60}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

export function deviceCookie(token: string, secure: boolean): string {
  return [`${DEVICE_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${DEVICE_LIFETIME_MS / 1000}`, ...(secure ? ["Secure"] : [])].join("; ");
}

/** The device cookie a request carries, or null when it has none that can be one of ours. */
export function presentedDevice(cookieHeader: string | null | undefined): string | null {
  const value = readCookie(cookieHeader, DEVICE_COOKIE);
  return value && /^[a-z2-7]{32}$/.test(value) ? value : null;
}

export const newDeviceToken = () => randomToken(20);
export const hashDeviceToken = (token: string) => hashSecret(token);
