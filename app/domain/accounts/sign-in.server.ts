// Signing in (decision 0018). Every limit is checked before argon2 runs, so a refused
// attempt costs a few rows, never a hash:
// - from a device this account signed in on (the pq_device cookie): 5 failures per
//   15 minutes and 20 a day, for that device only; failures from elsewhere never block it;
// - from anywhere else: the IP's 100 tries a minute, then 5 failures a day and 20 per 30 days
//   per account (identifier, e-mail and phone are one account), and 200 failures a day over
//   the whole platform, past which new devices wait for midnight and admins are told once.
// A login that names no account takes the same steps, with its own counters (so a limit
// never tells whether an account exists) and argon2 on a stand-in hash.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { randomInt } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema.js";
import { burnVerify, hashSecret, verifySecret } from "../../auth/password.server.js";
import { DEVICE_LIFETIME_MS, createSession, deviceCookie, hashDeviceToken, newDeviceToken, sessionCookie } from "../../auth/session.server.js";
import { sendMail } from "../../utils/mail.server.js";
import { recordAudit } from "../audit/audit.server.js";
import { LIMITS, giveBack, hitLimits, reserve, type Limit } from "../limits/rate-limit.server.js";
import { checkPin, drawPin, normalizeIdentifier, normalizePhone, typedPin } from "./rules.js";

type DB = Kysely<Database>;

export const PLATFORM_KEY = "login:platform";
const ALERT_KEY = "login:platform-alert";
const ONCE_A_DAY: Limit = { max: 1, windowSeconds: "parisDay" };

/** The counters of failures from unknown devices for one account (or one login that names none). */
export const accountKeys = (who: string) => ({ day: `login:day:${who}`, month: `login:30d:${who}` });
/** The counters of failures on one known device. */
export const deviceKeys = (deviceId: number) => ({ quarter: `login:device:${deviceId}`, day: `login:device-day:${deviceId}` });
const unknownLogin = (normalized: string) => `x${encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)))}`;

interface LoginRow {
  id: number;
  pin_hash: string | null;
  password_hash: string | null;
  pin_chosen: boolean;
  /** The known device this request comes from, for this account. */
  deviceId: number | null;
}

/** The account a login names — identifier, e-mail or phone, however typed — and whether the request's device is one it signed in on. */
async function findLogin(db: DB, login: string, deviceToken: string | null): Promise<LoginRow | undefined> {
  const key = normalizeIdentifier(login);
  const phone = normalizePhone(key) ?? key;
  return db
    .selectFrom("account as a")
    .leftJoin("sign_in_device as d", (j) => j.onRef("d.account_id", "=", "a.id").on("d.token_hash", "=", deviceToken ? hashDeviceToken(deviceToken) : new Uint8Array(0)).on("d.expires_at", ">", sql<Date>`now()`))
    .select(["a.id", "a.pin_hash", "a.password_hash", "a.pin_chosen", "d.id as deviceId"])
    .where("a.deleted_at", "is", null)
    .where((eb) => eb.or([eb("a.identifier", "=", key), eb(sql`lower(a.email)`, "=", key), eb("a.phone", "=", phone)]))
    .orderBy("a.id")
    .limit(1)
    .executeTakeFirst();
}

/** One argon2 check (a stand-in when there is no account): which secret matched, or null. */
async function checkSecret(row: LoginRow | undefined, secret: string): Promise<"pin" | "password" | null> {
  if (!row) {
    await burnVerify(secret);
    return null;
  }
  if (await verifySecret(row.pin_hash, typedPin(secret) ?? secret.trim())) return "pin";
  return (await verifySecret(row.password_hash, secret)) ? "password" : null;
}

/** Identifier, e-mail or phone + PIN or password, with no limit: for tests and scripts. Null when anything is wrong. */
export async function authenticate(db: DB, login: string, secret: string): Promise<{ accountId: number } | null> {
  const row = await findLogin(db, login, null);
  return (await checkSecret(row, secret)) && row ? { accountId: row.id } : null;
}

export type SignInRefusal = "wrong" | "weakPin" | "accountLimited" | "paused" | "networkLimited" | "deviceLimited";
export type SignInResult = { ok: true; accountId: number; newPin: string | null } | { ok: false; refusal: SignInRefusal; retryAfterSeconds: number | null };

const refused = (refusal: SignInRefusal, retryAfterSeconds: number | null = null) => ({ ok: false as const, refusal, retryAfterSeconds });

export async function signIn(db: DB, input: { login: string; secret: string; deviceToken: string | null; clientIp: string }): Promise<SignInResult> {
  // A weak PIN is never one of ours (drawn PINs are not weak; chosen ones that are now are refused).
  const pin = typedPin(input.secret);
  if (pin && checkPin(pin) !== null) return refused("weakPin");
  const row = await findLogin(db, input.login, input.deviceToken);
  let taken: string[];
  let platformFailures: number | undefined;
  if (row?.deviceId) {
    const keys = deviceKeys(row.deviceId);
    const slot = await reserve(db, [
      { key: keys.quarter, limit: LIMITS.signInPerDevice },
      { key: keys.day, limit: LIMITS.signInPerDeviceDay },
    ]);
    if (!slot.ok) return refused("deviceLimited", slot.retryAfterSeconds);
    taken = Object.keys(slot.hits);
  } else {
    const ip = await hitLimits(db, [{ key: `login:ip:${input.clientIp}`, limit: LIMITS.perIp }]);
    if (!ip.ok) return refused("networkLimited", ip.retryAfterSeconds);
    const keys = accountKeys(row ? `a${row.id}` : unknownLogin(normalizeIdentifier(input.login)));
    const slot = await reserve(db, [
      { key: keys.day, limit: LIMITS.signInPerAccountDay },
      { key: keys.month, limit: LIMITS.signInPerAccount30Days },
      { key: PLATFORM_KEY, limit: LIMITS.signInPlatformDay },
    ]);
    if (!slot.ok) {
      if (slot.refusedKey !== PLATFORM_KEY) return refused("accountLimited", slot.retryAfterSeconds);
      await alertAdminsOnce(db);
      return refused("paused", slot.retryAfterSeconds);
    }
    taken = Object.keys(slot.hits);
    platformFailures = slot.hits[PLATFORM_KEY];
  }
  const matched = await checkSecret(row, input.secret);
  if (!matched || !row) {
    if (platformFailures !== undefined && platformFailures >= LIMITS.signInPlatformDay.max) await alertAdminsOnce(db);
    return refused("wrong");
  }
  await giveBack(db, taken);
  const newPin = matched === "pin" && row.pin_chosen ? await setDrawnPin(db, row.id) : null;
  return { ok: true, accountId: row.id, newPin };
}

/** A new PIN for an account, drawn uniformly among the allowed ones; its hash replaces the old one. */
export async function setDrawnPin(db: DB, accountId: number): Promise<string> {
  const pin = drawPin((n) => randomInt(n));
  await db.updateTable("account").set({ pin_hash: await hashSecret(pin), pin_chosen: false }).where("id", "=", accountId).execute();
  return pin;
}

/**
 * Remembers the device an account just signed in on, a year from now. The cookie's value
 * changes at each sign-in, and the other accounts the device knew follow it: a value planted
 * before the sign-in is worth nothing after it.
 */
export async function rememberDevice(db: DB, accountId: number, presented: string | null): Promise<string> {
  const token = newDeviceToken();
  const hash = hashDeviceToken(token);
  const expires = new Date(Date.now() + DEVICE_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    if (presented) await trx.updateTable("sign_in_device").set({ token_hash: hash }).where("token_hash", "=", hashDeviceToken(presented)).where("expires_at", ">", sql<Date>`now()`).execute();
    await trx
      .insertInto("sign_in_device")
      .values({ account_id: accountId, token_hash: hash, expires_at: expires })
      .onConflict((oc) => oc.columns(["token_hash", "account_id"]).doUpdateSet({ expires_at: expires, last_used_at: sql<Date>`now()` }))
      .execute();
  });
  return token;
}

/**
 * The cookies of a fresh sign-in: a session, and — unless on a shared device — the device
 * remembered for this account.
 */
export async function signedInCookies(db: DB, accountId: number, options: { persistent: boolean; userAgent: string | null; presentedDevice: string | null; secure: boolean }): Promise<Headers> {
  const { token } = await createSession(db, accountId, { persistent: options.persistent, userAgent: options.userAgent });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(token, { persistent: options.persistent, secure: options.secure }));
  if (options.persistent) headers.append("Set-Cookie", deviceCookie(await rememberDevice(db, accountId, options.presentedDevice), options.secure));
  return headers;
}

/** Forgets every device of an account (a new secret from a desk or by mail: start afresh). */
export async function forgetDevices(db: Kysely<Database>, accountId: number): Promise<void> {
  await db.deleteFrom("sign_in_device").where("account_id", "=", accountId).execute();
}

/** The first time the platform's daily failures run out: one audit record and one mail per admin, once a day. */
async function alertAdminsOnce(db: DB): Promise<void> {
  if (!(await reserve(db, [{ key: ALERT_KEY, limit: ONCE_A_DAY }])).ok) return;
  const max = LIMITS.signInPlatformDay.max;
  await db.transaction().execute((trx) =>
    recordAudit(trx, { actorAccountId: null, actorRole: "system", action: "login.platform_pause", targetType: "platform", targetId: null, epciId: null, detail: { failures: max } }),
  );
  const admins = await db
    .selectFrom("role_assignment as r")
    .innerJoin("account as a", "a.id", "r.account_id")
    .select("a.email")
    .distinct()
    .where("r.role", "=", "admin")
    .where("a.deleted_at", "is", null)
    .where("a.email", "is not", null)
    .execute();
  for (const { email } of admins) {
    // A mail that cannot leave must not break the sign-in page; the audit record stays.
    await sendMail(db, {
      to: email!,
      subject: "Parlons Quartier : connexions depuis de nouveaux appareils suspendues jusqu'à minuit",
      text: `Bonjour,\n\n${max} essais de connexion ont échoué aujourd'hui sur la plateforme, depuis des appareils inconnus. C'est le signe d'une attaque qui devine des codes secrets.\n\nJusqu'à minuit (heure de Paris), on ne peut plus se connecter depuis un nouvel appareil. Les habitants qui se connectent depuis leur appareil habituel ne sont pas gênés ; un code de récupération donné à l'accueil permet toujours d'entrer.\n\nLe journal (/staff/journal) garde la trace de cette pause (login.platform_pause).\n`,
    }).catch(() => undefined);
  }
}
