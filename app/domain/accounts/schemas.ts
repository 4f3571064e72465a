// Shapes of the accounts forms. Messages are translation keys (forms.*).
import * as z from "zod";
export { formToMap, formToObject } from "../../utils/form.js";
import { AGE_BANDS, GENDERS, normalizeCode } from "./rules.js";

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values, { error: "forms.choose" }).optional());

export const loginSchema = z.object({
  login: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(200, "forms.tooLong"),
  secret: z.string({ error: "forms.required" }).min(1, "forms.required").max(200, "forms.tooLong"),
  shared: z.preprocess((v) => v === "on", z.boolean()),
  redirectTo: z.string().optional(),
});

export const codeSchema = z.object({
  code: z
    .string({ error: "forms.required" })
    .min(1, "forms.required")
    .max(40, "code.badFormat")
    .transform((v, ctx) => {
      const code = normalizeCode(v);
      if (!code) {
        ctx.addIssue({ code: "custom", message: "code.badFormat" });
        return z.NEVER;
      }
      return code;
    }),
});

export const redeemSchema = codeSchema
  .extend({
    displayName: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(40, "forms.tooLong"),
    secretKind: z.enum(["pin", "password"], { error: "forms.choose" }),
    password: z.string().optional(),
    subsectorId: z.preprocess((v) => (v === "" || v === undefined ? null : Number(v)), z.number().int().positive().nullable()),
    ageBand: optionalEnum(AGE_BANDS),
    gender: optionalEnum(GENDERS),
  })
  .superRefine((v, ctx) => {
    // A PIN is drawn by the system (decision 0018); only a password is typed here.
    if (v.secretKind === "password" && (v.password ?? "").length < 10) ctx.addIssue({ code: "custom", path: ["password"], message: "code.passwordShort" });
  });

export const batchSchema = z.object({
  territoryId: z.coerce.number({ error: "forms.choose" }).int().positive("forms.choose"),
  label: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(120, "forms.tooLong"),
  size: z.coerce.number({ error: "staff.sizeRange" }).int("staff.sizeRange").min(1, "staff.sizeRange").max(5000, "staff.sizeRange"),
  expiresOn: z.string({ error: "forms.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "forms.date"),
  helpText: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(200, "forms.tooLong"),
});

const helpText = z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(200, "forms.tooLong");
const optionalHelp = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(200, "forms.tooLong").optional());

/** Where to get a card: French required, easy-read (FALC), English and Arabic versions optional. */
export const batchHelpSchema = z.object({ helpText, helpTextFalc: optionalHelp, helpTextEn: optionalHelp, helpTextAr: optionalHelp });

export type FieldErrors = Record<string, string>;

/** zod issues → one message key per field (the first). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    out[field] ??= issue.message;
  }
  return out;
}

const password = z.string({ error: "forms.required" }).min(10, "code.passwordShort").max(200, "forms.tooLong");

export const signupSchema = z.object({
  contact: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(200, "forms.tooLong"),
  password,
  displayName: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(40, "forms.tooLong"),
  territoryId: z.coerce.number({ error: "forms.choose" }).int().positive("forms.choose"),
  ageBand: optionalEnum(AGE_BANDS),
  gender: optionalEnum(GENDERS),
});

export const resetRequestSchema = z.object({ email: z.email({ error: "signup.badEmail" }).max(200, "forms.tooLong") });
export const newPasswordSchema = z.object({ password });

export const recoverySchema = z.object({
  identifier: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(60, "forms.tooLong"),
  code: z.string({ error: "forms.required" }).min(1, "forms.required").max(40, "code.badFormat"),
});

export const invitationSchema = z.object({
  role: z.enum(["council_member", "moderator", "staff"], { error: "forms.choose" }),
  territoryId: z.coerce.number({ error: "forms.choose" }).int().positive("forms.choose"),
  college: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["habitants", "associations"]).optional()),
  note: z.string().trim().max(200, "forms.tooLong").optional(),
});

export const acceptInvitationSchema = z.object({
  identifier: z
    .string({ error: "forms.required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, "invite.identifierFormat"),
  displayName: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(60, "forms.tooLong"),
  password,
});
