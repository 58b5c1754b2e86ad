-- Recording consent: each participant sets their own.
alter table session_participant
    add column recording_consent boolean not null default false,
    add column consent_updated_at timestamptz;

-- OpenTok archives of our sessions.
create table recording (
    id                bigserial primary key,
    recording_id      varchar(128) not null,
    session_pk        bigint       not null references video_session (id) on delete cascade,
    name              varchar(120),
    status            varchar(16)  not null check (status in
                          ('started', 'paused', 'stopped', 'uploaded', 'available', 'expired', 'failed', 'deleted')),
    output_mode       varchar(16)  not null check (output_mode in ('composed', 'individual')),
    has_audio         boolean      not null,
    has_video         boolean      not null,
    resolution        varchar(16),
    stream_mode       varchar(16)  not null check (stream_mode in ('auto', 'manual')),
    layout_type       varchar(32),
    layout_stylesheet text,
    started_by        varchar(64),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    stopped_at        timestamptz,
    duration_seconds  bigint       not null default 0,
    size_bytes        bigint       not null default 0,
    reason            varchar(64),
    constraint uq_recording_recording_id unique (recording_id)
);
-- at most one started (or paused) recording per session, whichever replica starts it
create unique index ux_recording_one_started on recording (session_pk) where status in ('started', 'paused');
create index ix_recording_session on recording (session_pk, created_at);

-- OpenTok broadcasts. RTMP stream names are secrets: only their masked form is kept.
create table broadcast (
    id                   bigserial primary key,
    broadcast_id         varchar(128) not null,
    session_pk           bigint       not null references video_session (id) on delete cascade,
    status               varchar(16)  not null check (status in ('started', 'stopped', 'failed')),
    hls_url              text,
    rtmp                 jsonb        not null default '[]'::jsonb,
    resolution           varchar(16)  not null,
    max_duration_seconds integer      not null,
    layout_type          varchar(32)  not null,
    layout_stylesheet    text,
    started_by           varchar(64),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    constraint uq_broadcast_broadcast_id unique (broadcast_id)
);
create unique index ux_broadcast_one_started on broadcast (session_pk) where status = 'started';
create index ix_broadcast_session on broadcast (session_pk, created_at);
