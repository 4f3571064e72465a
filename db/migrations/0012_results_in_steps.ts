// Results are published in steps (issue 13, decision 0019): what the public and staff see is
// the latest `result_publication`, a snapshot of the counters; a new one is made only when
// every group of people it would let anyone tell apart has moved by 0 or by at least 5 people
// since each earlier one. To know who moved, every change to what is counted is logged in
// `result_change` with the response's contribution before and after (the rows of
// `response_contributions`, without the shard), in the same transaction as the counters:
// by `changingCounted` (app/domain/consultations/counters.server.ts) and by `cast_web_answer`,
// redefined here to log too. A publication consumes the logged changes its snapshot sees.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create table result_publication (
    consultation_id integer not null references consultation (id) on delete cascade,
    seq integer not null check (seq > 0),
    published_at timestamptz not null default now(),
    n integer not null check (n >= 0),
    grid jsonb not null,
    constraint result_publication_pkey primary key (consultation_id, seq)
  )`,
  `create table result_change (
    id bigint generated always as identity constraint result_change_pkey primary key,
    consultation_id integer not null references consultation (id) on delete cascade,
    response_id bigint not null,
    before jsonb not null,
    after jsonb not null,
    consumed_by integer check (consumed_by > 0)
  )`,
  `create index result_change_pending on result_change (consultation_id, id) where consumed_by is null`,
  `create index result_change_history on result_change (consultation_id, consumed_by, response_id, id)`,
  // A response's contribution as the log keeps it: [territory, channel, entry mode, named,
  // question, option, rank, value, n] per row, shard dropped.
  `create function contribution_rows(p result_counter[]) returns jsonb language sql immutable as $$
     select coalesce(jsonb_agg(jsonb_build_array(b.territory_id, b.channel, b.entry_mode, b.named, b.question_id, b.option_id, b.rank, b.value, b.n)
                               order by b.question_id, b.option_id, b.rank, b.value, b.territory_id, b.channel, b.entry_mode, b.named), '[]'::jsonb)
     from unnest(p) b
   $$`,
  `create or replace function cast_web_answer(p_consultation integer, p_account integer, p_territory integer, p_parent integer, p_questions integer, p_answers jsonb)
   returns table (outcome text, response_id bigint, replaced boolean)
   language plpgsql as $$
   declare
     c record;
     acc record;
     rid bigint;
     was_replaced boolean;
     old_territory integer;
     before result_counter[];
     after result_counter[];
   begin
     select k.status, k.opens_at, k.closes_at, k.eligibility,
            exists (select 1 from consultation_scope s where s.consultation_id = k.id and s.territory_id in (p_territory, p_parent)) as in_scope,
            (select count(*) from question q where q.consultation_id = k.id) as questions
       into c from consultation k where k.id = p_consultation;
     if not found or c.status <> 'published' then return query select 'notFound', null::bigint, null::boolean; return; end if;
     if now() < c.opens_at or now() >= c.closes_at then return query select 'closed', null::bigint, null::boolean; return; end if;
     if not c.in_scope then return query select 'outOfScope', null::bigint, null::boolean; return; end if;
     if c.questions <> p_questions or exists (
       select 1 from jsonb_to_recordset(p_answers) as a(q integer, o integer)
       left join question q on q.id = a.q and q.consultation_id = p_consultation
       left join question_option o on o.id = a.o and o.question_id = a.q
       where q.id is null or (a.o is not null and o.id is null)
     ) then return query select 'stale', null::bigint, null::boolean; return; end if;
     -- Shares the account row with a verification running now, so that exactly one of the
     -- two counts this answer (FOR SHARE reads the latest version).
     select a.verified_at is not null as verified, a.age_band, a.gender into acc from account a where a.id = p_account for share;
     if not found then return query select 'notFound', null::bigint, null::boolean; return; end if;
     if c.eligibility = 'verified' and not acc.verified then return query select 'unverified', null::bigint, null::boolean; return; end if;
     -- The resident's one response: new, or the existing one, locked (a paper one stands).
     insert into response as x (consultation_id, account_id, channel, entry_mode, territory_id, age_band, gender)
     values (p_consultation, p_account, 'web', 'individual', p_territory, acc.age_band, acc.gender)
     on conflict (consultation_id, account_id) where account_id is not null and voided_at is null
     do update set updated_at = now() where x.channel = 'web'
     returning x.id, x.xmax <> 0, x.territory_id into rid, was_replaced, old_territory;
     if rid is null then return query select 'votedOnPaper', null::bigint, null::boolean; return; end if;
     before := '{}';
     if was_replaced then
       select coalesce(array_agg(row(t.*)::result_counter), '{}') into before from response_contributions(array[rid]) t;
       delete from answer where answer.response_id = rid;
       if old_territory is distinct from p_territory then update response set territory_id = p_territory where id = rid; end if;
     end if;
     insert into answer (response_id, question_id, option_id, rank, value, text, text_status)
     select rid, a.q, a.o, a.r, a.v, a.t, case when a.t is null then null else 'pending' end
     from jsonb_to_recordset(p_answers) as a(q integer, o integer, r integer, v integer, t text);
     select coalesce(array_agg(row(t.*)::result_counter), '{}') into after from response_contributions(array[rid]) t;
     insert into result_counter as rc (consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard, n)
     select d.consultation_id, d.territory_id, d.channel, d.entry_mode, d.named, d.question_id, d.option_id, d.rank, d.value, d.shard, sum(d.n)
     from (select b.consultation_id, b.territory_id, b.channel, b.entry_mode, b.named, b.question_id, b.option_id, b.rank, b.value, b.shard, -b.n as n from unnest(before) b
           union all
           select * from unnest(after)) d
     group by d.consultation_id, d.territory_id, d.channel, d.entry_mode, d.named, d.question_id, d.option_id, d.rank, d.value, d.shard
     having sum(d.n) <> 0
     order by d.consultation_id, d.territory_id, d.channel, d.entry_mode, d.named, d.question_id, d.option_id, d.rank, d.value, d.shard
     on conflict (consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard)
     do update set n = rc.n + excluded.n;
     -- The change, for publishing results in steps (migration 0012).
     insert into result_change (consultation_id, response_id, before, after)
     values (p_consultation, rid, contribution_rows(before), contribution_rows(after));
     return query select 'ok', rid, was_replaced;
   end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists result_change").execute(db);
  await sql.raw("drop table if exists result_publication").execute(db);
  await sql.raw("drop function if exists contribution_rows").execute(db);
}
