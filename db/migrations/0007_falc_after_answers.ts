// Once answers exist, questions and options stay frozen, but their easy-read (FALC) versions
// stay editable, like the consultation's own FALC texts: the guard now lets through an
// update that changes nothing but `prompt_falc` or `label_falc`.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const guard = (allowFalc: boolean) => `create or replace function question_frozen_guard() returns trigger language plpgsql as $$
   declare cid integer;
   begin
     ${
       allowFalc
         ? `if tg_op = 'UPDATE' and (to_jsonb(new) - 'prompt_falc' - 'label_falc') = (to_jsonb(old) - 'prompt_falc' - 'label_falc') then
       return new;
     end if;`
         : ""
     }
     if tg_table_name = 'question' then
       cid := coalesce(new.consultation_id, old.consultation_id);
     else
       select q.consultation_id into cid from question q where q.id = coalesce(new.question_id, old.question_id);
     end if;
     if consultation_has_responses(cid) then
       raise exception 'questions of consultation % are frozen: it has answers', cid using errcode = 'P0001', hint = 'questions_frozen';
     end if;
     return coalesce(new, old);
   end $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(guard(true)).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(guard(false)).execute(db);
}
