-- The minute meter's one rule, in one place for every caller: the whole seconds a patient was connected
-- to consultation sessions within [p_start, p_end), an open connection counted up to p_now. The token
-- check reads it in the same statement as the rest of its facts; the quota job and the entitlement
-- view call it on its own.
create function video_seconds_used(p_user varchar, p_start timestamptz, p_end timestamptz, p_now timestamptz)
returns bigint
language sql stable
as $$
    select floor(coalesce(sum(extract(epoch from (least(coalesce(c.disconnected_at, p_now), p_end)
                                                  - greatest(c.connected_at, p_start)))), 0))::bigint
    from session_connection c
    join video_session s on s.id = c.session_pk
    where c.user_id = p_user and c.role = 'patient' and s.type = 'consultation'
      and c.connected_at < least(p_end, p_now) and coalesce(c.disconnected_at, p_now) > p_start
$$;
