-- Phone calls: a SIP leg dialled into a session for a participant whose video fails. The leg is a connection
-- whose data names that participant (and a phone marker), so the door (connection_refusal) cuts it as any
-- connection whose right has ended. The number is PHI: only its masked form (the last 4 digits) is kept; the
-- full number lives only in the dialling request.
create table phone_call (
    id                bigserial primary key,
    call_id           uuid         not null unique,
    session_pk        bigint       not null references video_session (id) on delete cascade,
    provider_call_id  varchar(128),
    connection_id     varchar(128),
    stream_id         varchar(128),
    user_id           varchar(64)  not null,
    to_masked         varchar(64)  not null,
    status            varchar(16)  not null check (status in ('dialing', 'connected', 'ended', 'failed')),
    started_by        varchar(64)  not null,
    created_at        timestamptz  not null,
    ended_at          timestamptz,
    end_reason        varchar(64)
);
create index ix_phone_call_session on phone_call (session_pk, created_at, id);
create index ix_phone_call_provider on phone_call (provider_call_id);
create index ix_phone_call_connection on phone_call (connection_id);
