-- Video sessions: one OpenTok session each, linked to a consultation, a one-time appointment
-- and/or a chat room of the platform.
create table video_session (
    id               bigserial primary key,
    session_id       varchar(255) not null,
    name             varchar(120) not null,
    type             varchar(16)  not null check (type in ('consultation', 'appointment')),
    status           varchar(16)  not null check (status in ('active', 'ended')),
    consultation_id  varchar(64),
    appointment_id   varchar(64),
    chat_room_id     varchar(64),
    media_mode       varchar(16)  not null check (media_mode in ('routed', 'relayed')),
    archive_mode     varchar(16)  not null check (archive_mode in ('manual', 'always')),
    e2ee             boolean      not null default false,
    window_starts_at timestamptz,
    window_ends_at   timestamptz,
    created_by       varchar(64)  not null,
    created_at       timestamptz  not null,
    ended_at         timestamptz,
    end_reason       varchar(32),
    version          bigint       not null default 0,
    constraint uq_video_session_session_id unique (session_id),
    constraint ck_video_session_window check (window_starts_at is null or window_ends_at > window_starts_at)
);

-- At most one active session per consultation and per appointment: concurrent creates for the same
-- consultation collide here, whichever replica they reach.
create unique index ux_video_session_active_consultation
    on video_session (consultation_id) where status = 'active' and consultation_id is not null;
create unique index ux_video_session_active_appointment
    on video_session (appointment_id) where status = 'active' and appointment_id is not null;
create index ix_video_session_chat_room on video_session (chat_room_id) where chat_room_id is not null;
create index ix_video_session_created on video_session (created_at desc, id desc);
-- the appointment job looks for active appointments whose window has closed
create index ix_video_session_active_window on video_session (window_ends_at) where status = 'active';

create table session_participant (
    id            bigserial primary key,
    session_pk    bigint      not null references video_session (id) on delete cascade,
    user_id       varchar(64) not null,
    role          varchar(16) not null check (role in ('provider', 'patient', 'observer')),
    display_name  varchar(120),
    added_at      timestamptz not null,
    constraint uq_session_participant unique (session_pk, user_id)
);
-- "the sessions I take part in"
create index ix_session_participant_user on session_participant (user_id, session_pk);

-- The event log of a session: what our users did and, through callbacks, what happened in the call.
-- dedup_key makes a redelivered callback a no-op across replicas.
create table session_event (
    id             bigserial primary key,
    event_id       uuid         not null,
    session_pk     bigint       not null references video_session (id) on delete cascade,
    type           varchar(40)  not null,
    occurred_at    timestamptz  not null,
    actor_id       varchar(64),
    connection_id  varchar(128),
    stream_id      varchar(128),
    recording_id   varchar(128),
    broadcast_id   varchar(128),
    details        jsonb        not null default '{}'::jsonb,
    dedup_key      varchar(255),
    constraint uq_session_event_event_id unique (event_id),
    constraint uq_session_event_dedup unique (dedup_key)
);
-- the events page (oldest first, optionally by type) and the chat-room feed read these
create index ix_session_event_session_time on session_event (session_pk, occurred_at, id);
create index ix_session_event_session_type_time on session_event (session_pk, type, occurred_at, id);
