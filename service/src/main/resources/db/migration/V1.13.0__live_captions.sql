-- Live captions: one at a time per session, held by the database. A start reserves the session's one slot
-- ('starting') before it asks the provider, so that of concurrent starts one reaches the provider and the
-- others are refused at once; the provider's id fills in once it answers. Ending the session stops them through
-- the durable clean-up (a new kind of step).
create table captions (
    id                    bigserial primary key,
    captions_id           varchar(128) unique,
    session_pk            bigint       not null references video_session (id) on delete cascade,
    language_code         varchar(16)  not null,
    max_duration_seconds  integer      not null check (max_duration_seconds between 300 and 14400),
    partial_captions      boolean      not null,
    status                varchar(16)  not null check (status in ('starting', 'started', 'paused', 'stopped', 'failed')),
    started_by            varchar(64)  not null,
    created_at            timestamptz  not null,
    stopped_at            timestamptz,
    stopped_by            varchar(64),
    constraint ck_captions_id check (status = 'starting' or captions_id is not null)
);
create unique index uq_captions_one_per_session on captions (session_pk) where status in ('starting', 'started', 'paused');
create index ix_captions_session on captions (session_pk, created_at, id);

alter table provider_cleanup drop constraint provider_cleanup_kind_check;
alter table provider_cleanup add constraint provider_cleanup_kind_check
    check (kind in ('stop_recording', 'stop_broadcast', 'disconnect', 'stop_captions'));
