-- Who may see a session, defined once for every reader (JPA and the reactive statements alike): the
-- operators (admin and service), and the users who take part in it. PL/pgSQL rather than SQL: PostgreSQL
-- cannot inline an SQL function whose body has a subquery, and plans such a function again on every
-- statement that calls it (a third of the events page's throughput), where PL/pgSQL keeps its plan for
-- the connection's life.
create function session_visible_to(p_session_pk bigint, p_operator boolean, p_user varchar)
returns boolean
language plpgsql stable
as $$
begin
    return p_operator or exists (select 1 from session_participant p
                                 where p.session_pk = p_session_pk and p.user_id = p_user);
end
$$;

-- The one way an event enters a session's log, whoever writes it (an API action in its transaction, a batch
-- of issued tokens, a callback's statement). With a dedup key the event is written once, whoever comes first;
-- answers whether this call wrote it.
create function record_session_event(p_event_id uuid, p_session_pk bigint, p_type varchar, p_occurred_at timestamptz,
                                     p_actor_id varchar, p_connection_id varchar, p_stream_id varchar,
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
    return found;
end
$$;
