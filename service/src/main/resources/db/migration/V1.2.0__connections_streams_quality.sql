-- Live connections, as OpenTok's session-monitoring callbacks report them. A connection's
-- destroyed callback may come first: the row is created by whichever arrives, and completed by
-- the other.
create table session_connection (
    id                 bigserial primary key,
    connection_id      varchar(128) not null,
    session_pk         bigint       not null references video_session (id) on delete cascade,
    user_id            varchar(64),
    display_name       varchar(120),
    role               varchar(16),
    connected_at       timestamptz  not null,
    disconnected_at    timestamptz,
    disconnect_reason  varchar(32),
    constraint uq_session_connection unique (connection_id),
    constraint ck_session_connection_times check (disconnected_at is null or disconnected_at >= connected_at)
);
create index ix_session_connection_session on session_connection (session_pk, connected_at);
create index ix_session_connection_open on session_connection (session_pk) where disconnected_at is null;
-- metering: a user's connection time by month
create index ix_session_connection_user on session_connection (user_id, connected_at);

create table session_stream (
    id             bigserial primary key,
    stream_id      varchar(128) not null,
    session_pk     bigint       not null references video_session (id) on delete cascade,
    connection_id  varchar(128),
    video_type     varchar(16),
    name           varchar(255),
    created_at     timestamptz  not null,
    destroyed_at   timestamptz,
    constraint uq_session_stream unique (stream_id)
);
create index ix_session_stream_session on session_stream (session_pk);

-- Clients' network quality samples.
create table quality_sample (
    id                   bigserial primary key,
    session_pk           bigint       not null references video_session (id) on delete cascade,
    user_id              varchar(64)  not null,
    connection_id        varchar(128),
    round_trip_ms        double precision,
    packet_loss_percent  double precision,
    video_bitrate_kbps   double precision,
    audio_bitrate_kbps   double precision,
    measured_at          timestamptz  not null
);
create index ix_quality_sample_session on quality_sample (session_pk);
