-- Video plans. A user without a row has no plan.
create table entitlement (
    user_id          varchar(64) primary key,
    plan             varchar(16) not null check (plan in ('premium', 'basic', 'none')),
    monthly_minutes  integer check (monthly_minutes is null or monthly_minutes >= 0),
    updated_by       varchar(64) not null,
    updated_at       timestamptz not null,
    constraint ck_entitlement_minutes check ((plan = 'basic') = (monthly_minutes is not null))
);

-- Every change of plan, with who made it.
create table entitlement_change (
    id               bigserial primary key,
    user_id          varchar(64) not null,
    plan             varchar(16) not null,
    monthly_minutes  integer,
    previous_plan    varchar(16),
    actor_id         varchar(64) not null,
    changed_at       timestamptz not null
);
create index ix_entitlement_change_user on entitlement_change (user_id, changed_at);

-- A connection cut for exhausted minutes, claimed once whichever replica's job sees it first.
create table quota_disconnect (
    connection_id    varchar(128) primary key,
    user_id          varchar(64)  not null,
    session_pk       bigint       not null references video_session (id) on delete cascade,
    claimed_at       timestamptz  not null
);
