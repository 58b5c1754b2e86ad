-- Broadcast consent, apart from recording consent: a broadcast sends the visit to people outside it, so a
-- patient's yes to a recording does not cover it. Both start false.
alter table session_participant
    add column broadcast_consent boolean not null default false;

-- Who may be in a session's call at this moment, defined once: the door that every connection the provider
-- reports goes through (a token outlives its holder's right to use it, and the provider cannot revoke it).
-- Null lets the user in; otherwise the reason the connection is cut. New ways in (the waiting room, invites,
-- phone legs) add reasons here rather than a rule beside it.
create function connection_refusal(p_session_pk bigint, p_user varchar)
returns varchar
language plpgsql stable
as $$
begin
    if not exists (select 1 from video_session s where s.id = p_session_pk and s.status = 'active') then
        return 'session_ended';
    end if;
    if p_user is null or not exists (select 1 from session_participant p
                                     where p.session_pk = p_session_pk and p.user_id = p_user) then
        return 'removed';
    end if;
    return null;
end
$$;
