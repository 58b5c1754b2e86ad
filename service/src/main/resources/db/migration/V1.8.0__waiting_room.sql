-- The virtual waiting room: in a session created with it, patients and observers check in and wait, and a
-- provider admits them one by one.
alter table video_session
    add column waiting_room boolean not null default false;

-- A participant's place in the waiting room. It belongs to the participation itself: removing the participant
-- deletes it (admission ends with the removal, whatever runs at the same time), and there is at most one per
-- participant, so concurrent admits of one person end in one row. Admission ends with the session too: the
-- door asks for an active session first.
create table waiting_room_entry (
    id             bigserial primary key,
    participant_pk bigint       not null references session_participant (id) on delete cascade,
    session_pk     bigint       not null references video_session (id) on delete cascade,
    status         varchar(16)  not null check (status in ('waiting', 'admitted', 'declined', 'sent_back')),
    checked_in_at  timestamptz,
    decided_at     timestamptz,
    decided_by     varchar(64),
    decline_reason varchar(200),
    constraint uq_waiting_room_entry_participant unique (participant_pk)
);
-- the queue of a session, oldest first
create index ix_waiting_room_entry_session on waiting_room_entry (session_pk, checked_in_at, id);

-- The door (V1.7.0), with one more reason: in a waiting-room session, a patient or observer who is not admitted
-- (never, declined, or sent back) may not be in the call.
create or replace function connection_refusal(p_session_pk bigint, p_user varchar)
returns varchar
language plpgsql stable
as $$
declare
    v_participant session_participant%rowtype;
    v_waiting_room boolean;
begin
    select s.waiting_room into v_waiting_room from video_session s where s.id = p_session_pk and s.status = 'active';
    if not found then
        return 'session_ended';
    end if;
    select * into v_participant from session_participant p where p.session_pk = p_session_pk and p.user_id = p_user;
    if p_user is null or not found then
        return 'removed';
    end if;
    if v_waiting_room and v_participant.role in ('patient', 'observer')
       and not exists (select 1 from waiting_room_entry w
                       where w.participant_pk = v_participant.id and w.status = 'admitted') then
        return 'not_admitted';
    end if;
    return null;
end
$$;
