-- What remains to be done at the video provider after a change we have committed: stop a session's
-- recordings and broadcasts, cut connections. Each step is written in the same transaction as the change
-- that calls for it (ending a session, removing a participant, a patient's withdrawn consent, exhausted
-- minutes), and a job on every replica carries it out, retrying with backoff until it is done. A step is
-- unique per kind and target, so that it takes effect once, whoever asks for it and however often.
create table provider_cleanup (
    id              bigserial primary key,
    session_pk      bigint       not null references video_session (id) on delete cascade,
    kind            varchar(32)  not null check (kind in ('stop_recording', 'stop_broadcast', 'disconnect')),
    target_id       varchar(128) not null,
    reason          varchar(32)  not null,
    actor_id        varchar(64),
    created_at      timestamptz  not null,
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    -- a replica carrying the step out holds it until then; past it, another replica may take it
    leased_until    timestamptz,
    last_error      varchar(200),
    done_at         timestamptz,
    constraint uq_provider_cleanup_step unique (kind, target_id)
);
create index ix_provider_cleanup_due on provider_cleanup (next_attempt_at) where done_at is null;
create index ix_provider_cleanup_session on provider_cleanup (session_pk) where done_at is null;
