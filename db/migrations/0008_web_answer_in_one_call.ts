// A web answer in one round trip, and the counting rule in one place.
// - `response_contributions(responses)`: the counter rows that these responses, where they
//   count, add up to: the one statement of what counts and how. Recounts, every change to the
//   ledger (before and after) and the web answer below all use it, so they cannot disagree.
// - `cast_web_answer(...)`: everything a resident's web answer writes, checked by the
//   database: open by its clock, in scope, eligible, the questions the caller validated
//   against; then the resident's response (new or replaced, the latest wins), its answers, and
//   the counters moved by exactly what changed, in key order (never a deadlock). Each
//   statement inside sees the ones before it, so locks taken first hold for the rest.
// Frozen once merged: add a new migration instead.
import { sql, type Kysely } from "kysely";

const up_statements = [
  `create function response_contributions(p_responses bigint[])
   returns table (consultation_id integer, territory_id integer, channel text, entry_mode text, named boolean,
                  question_id integer, option_id integer, rank integer, value integer, shard smallint, n bigint)
   language sql stable as $$
     with r as (
       select r.* from response r
       where r.id = any (p_responses)
         -- What counts: not voided; a tally only once confirmed; an account's answer only
         -- once the account is verified (paper without an identifier has no account).
         and r.voided_at is null
         and (r.entry_mode <> 'tally' or r.confirmed_at is not null)
         and (r.account_id is null or coalesce((select acc.verified_at is not null from account acc where acc.id = r.account_id), false))
     )
     select consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard, sum(n)::bigint as n
     from (
       select r.consultation_id, coalesce(r.territory_id, 0) as territory_id, r.channel, r.entry_mode, r.account_id is not null as named,
              0 as question_id, 0 as option_id, 0 as rank, -1 as value, (r.id % 8)::smallint as shard, coalesce(r.ballots, 1)::bigint as n
       from r
       union all
       select r.consultation_id, coalesce(r.territory_id, 0), r.channel, r.entry_mode, r.account_id is not null,
              q.question_id, 0, 0, -1, (r.id % 8)::smallint, q.n
       from r cross join lateral (
         select a.question_id,
                case when r.entry_mode = 'tally' then sum(a.count) filter (where a.option_id is null and a.value is null and a.text is null) else 1 end::bigint as n
         from answer a where a.response_id = r.id group by a.question_id
       ) q
       where q.n is not null
       union all
       select r.consultation_id, coalesce(r.territory_id, 0), r.channel, r.entry_mode, r.account_id is not null,
              a.question_id, coalesce(a.option_id, 0), coalesce(a.rank, 0), coalesce(a.value, -1), (r.id % 8)::smallint, a.count::bigint
       from r join answer a on a.response_id = r.id
       where a.option_id is not null or a.value is not null
     ) x
     group by consultation_id, territory_id, channel, entry_mode, named, question_id, option_id, rank, value, shard
   $$`,
  // p_answers: [{"q": question, "o": option, "r": rank, "v": value, "t": text}, …], already
  // validated by the caller against the questions it read (p_questions of them).
  // Outcomes: ok, notFound, closed, outOfScope, unverified, votedOnPaper, stale (the questions
  // changed since the caller read them: read them again).
  `create function cast_web_answer(p_consultation integer, p_account integer, p_territory integer, p_parent integer, p_questions integer, p_answers jsonb)
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
     return query select 'ok', rid, was_replaced;
   end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of up_statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop function if exists cast_web_answer").execute(db);
  await sql.raw("drop function if exists response_contributions").execute(db);
}
