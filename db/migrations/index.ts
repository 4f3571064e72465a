// Every migration, in order. Migrations are frozen once merged: append, never edit.
import type { Migration } from "kysely";
import * as m0001 from "./0001_contract_and_territory.js";
import * as m0002 from "./0002_accounts.js";
import * as m0003 from "./0003_other_ways_in.js";
import * as m0004 from "./0004_consultations.js";
import * as m0005 from "./0005_paper_tallies_counters.js";
import * as m0006 from "./0006_results_indexes.js";
import * as m0007 from "./0007_falc_after_answers.js";
import * as m0008 from "./0008_web_answer_in_one_call.js";
import * as m0009 from "./0009_ballot_print_runs.js";
import * as m0010 from "./0010_consultation_summary.js";
import * as m0011 from "./0011_text_moderation_reason.js";
import * as m0012 from "./0012_results_in_steps.js";
import * as m0013 from "./0013_sign_in_devices.js";
import * as m0014 from "./0014_void_frees_serial.js";
import * as m0015 from "./0015_tally_double_entry.js";
import * as m0016 from "./0016_batch_help.js";

export const migrations: Record<string, Migration> = {
  "0001_contract_and_territory": m0001,
  "0002_accounts": m0002,
  "0003_other_ways_in": m0003,
  "0004_consultations": m0004,
  "0005_paper_tallies_counters": m0005,
  "0006_results_indexes": m0006,
  "0007_falc_after_answers": m0007,
  "0008_web_answer_in_one_call": m0008,
  "0009_ballot_print_runs": m0009,
  "0010_consultation_summary": m0010,
  "0011_text_moderation_reason": m0011,
  "0012_results_in_steps": m0012,
  "0013_sign_in_devices": m0013,
  "0014_void_frees_serial": m0014,
  "0015_tally_double_entry": m0015,
  "0016_batch_help": m0016,
};
