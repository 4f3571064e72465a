// Shapes of the staff consultation forms. Messages are translation keys.
import * as z from "zod";
import type { ConsultationSummaryTable } from "../../../db/schema.js";
import { readPictogram } from "./rules.js";

const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "forms.tooLong").optional());

export const consultationSchema = z.object({
  title: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(200, "forms.tooLong"),
  titleFalc: optionalText(200),
  titleEn: optionalText(200),
  titleAr: optionalText(200),
  description: optionalText(4000),
  descriptionFalc: optionalText(4000),
  descriptionEn: optionalText(4000),
  descriptionAr: optionalText(4000),
  opensAt: z.string({ error: "forms.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "forms.dateTime"),
  closesAt: z.string({ error: "forms.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "forms.dateTime"),
  resultsVisibility: z.enum(["live", "after_close"], { error: "forms.choose" }),
  eligibility: z.enum(["verified", "any"], { error: "forms.choose" }),
});

const summaryText = z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(8000, "forms.tooLong");
export const summarySchema = z.object({
  said: summaryText,
  saidFalc: optionalText(8000),
  saidEn: optionalText(8000),
  saidAr: optionalText(8000),
  nextSteps: summaryText,
  nextStepsFalc: optionalText(8000),
  nextStepsEn: optionalText(8000),
  nextStepsAr: optionalText(8000),
});
export const SUMMARY_FIELDS = ["said", "saidFalc", "saidEn", "saidAr", "nextSteps", "nextStepsFalc", "nextStepsEn", "nextStepsAr"] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];
type SummaryColumn = Exclude<keyof ConsultationSummaryTable, "consultation_id" | "published_at" | "updated_by" | "updated_at">;
/** The column a summary field is stored in: saidFalc → said_falc. */
export const summaryColumn = (f: SummaryField) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as SummaryColumn;

export const questionSchema = z
  .object({
    kind: z.enum(["single", "multiple", "scale", "text", "ranking", "majority"], { error: "forms.choose" }),
    prompt: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(500, "forms.tooLong"),
    promptFalc: optionalText(500),
    promptEn: optionalText(500),
    promptAr: optionalText(500),
    options: z.string().optional(),
    optionsFalc: z.string().optional(),
    optionsEn: z.string().optional(),
    optionsAr: z.string().optional(),
    pictograms: z.string().optional(),
    maxChoices: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.number({ error: "cstaff.number" }).int().min(1, "cstaff.number").max(50, "cstaff.number").optional()),
    topN: z.preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.number({ error: "cstaff.number" }).int().min(1, "cstaff.number").max(20, "cstaff.number").optional()),
  })
  .superRefine((v, ctx) => {
    const lines = (v.options ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
    if (["single", "multiple", "ranking", "majority"].includes(v.kind) && lines.length < 2) ctx.addIssue({ code: "custom", path: ["options"], message: "cstaff.twoOptions" });
    if (lines.some((l) => l.length > 300)) ctx.addIssue({ code: "custom", path: ["options"], message: "forms.tooLong" });
    for (const field of ["optionsFalc", "optionsEn", "optionsAr"] as const)
      if ((v[field] ?? "").split("\n").some((l) => l.trim().length > 300)) ctx.addIssue({ code: "custom", path: [field], message: "forms.tooLong" });
    if ((v.pictograms ?? "").split("\n").some((l) => readPictogram(l) === "invalid")) ctx.addIssue({ code: "custom", path: ["pictograms"], message: "cstaff.badPictogram" });
  });

export const fromPrioritySchema = z.object({
  priorityId: z.coerce.number({ error: "forms.choose" }).int().positive("forms.choose"),
  topN: z.coerce.number({ error: "cstaff.number" }).int().min(1, "cstaff.number").max(20, "cstaff.number"),
  prompt: z.string({ error: "forms.required" }).trim().min(1, "forms.required").max(500, "forms.tooLong"),
  promptFalc: optionalText(500),
});

// Editing: an absent field keeps its stored value, an emptied optional one is cleared.
const clearableText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max, "forms.tooLong").nullable().optional());
const keptRequired = (max: number) => z.string().trim().min(1, "forms.required").max(max, "forms.tooLong").optional();

export const questionEditSchema = z.object({
  prompt: keptRequired(500),
  promptFalc: clearableText(500),
  promptEn: clearableText(500),
  promptAr: clearableText(500),
});

export const optionEditSchema = z.object({
  label: keptRequired(300),
  labelFalc: clearableText(300),
  labelEn: clearableText(300),
  labelAr: clearableText(300),
  pictogram: z
    .string()
    .optional()
    .refine((v) => v === undefined || readPictogram(v) !== "invalid", "cstaff.badPictogram"),
});
