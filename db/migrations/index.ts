// Every migration, in order. Migrations are frozen once merged: append, never edit.
import type { Migration } from "kysely";
import * as m0001 from "./0001_contract_and_territory.js";

export const migrations: Record<string, Migration> = {
  "0001_contract_and_territory": m0001,
};
