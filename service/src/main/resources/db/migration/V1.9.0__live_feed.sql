-- The live session feed reads the event log in commit order, which the ids are not: an event can take id 10
-- and commit after id 11 is read, and a reader resuming after 11 would never see 10. So each event keeps the
-- transaction that wrote it, and a reader takes only events of transactions older than every transaction
-- still running (txid_snapshot_xmin): every event written later has a larger tx than any event read. The
-- cursor is (tx, id). Existing rows keep a null tx, read as 0: long committed. No rewrite of the table.
alter table session_event add column tx bigint;
alter table session_event alter column tx set default txid_current();

-- The one event writer (V1.5.0) now also wakes the live feed of every replica: a NOTIFY is delivered at commit,
-- once per session and transaction. Token issues and quality samples are not in the feed, and wake nobody.
create or replace function record_session_event(p_event_id uuid, p_session_pk bigint, p_type varchar,
                                                p_occurred_at timestamptz, p_actor_id varchar,
                                                p_connection_id varchar, p_stream_id varchar,
                                                p_recording_id varchar, p_broadcast_id varchar, p_details jsonb,
                                                p_dedup_key varchar)
returns boolean
language plpgsql
as $$
begin
    insert into session_event (event_id, session_pk, type, occurred_at, actor_id, connection_id, stream_id,
                               recording_id, broadcast_id, details, dedup_key)
    values (p_event_id, p_session_pk, p_type, p_occurred_at, p_actor_id, p_connection_id, p_stream_id,
            p_recording_id, p_broadcast_id, coalesce(p_details, '{}'::jsonb), p_dedup_key)
    on conflict (dedup_key) do nothing;
    if found and p_type not in ('token_issued', 'quality_reported') then
        perform pg_notify('session_event', p_session_pk::text);
    end if;
    return found;
end
$$;

-- The feed reads a session's events after a cursor in commit order: without this index each read filtered and
-- sorted every event of the session, and a long, busy visit made every read slower (bench/live-feed.sh with one
-- session at 200 events/s: write p99 1.5 s). On a large event table this build blocks writes while it runs; see
-- the README's note on migrating a populated database.
create index ix_session_event_feed on session_event (session_pk, (coalesce(tx, 0)), id)
    where type not in ('token_issued', 'quality_reported');
