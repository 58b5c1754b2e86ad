-- Guest invites: an interpreter or a caregiver without a platform account joins a visit by a one-time code.
-- The guest becomes a participant like any other (role 'guest'), so the one access rule (session_visible_to,
-- connection_refusal) covers them with nothing added: removed, they are cut at the door.
alter table session_participant drop constraint session_participant_role_check;
alter table session_participant add constraint session_participant_role_check
    check (role in ('provider', 'patient', 'observer', 'guest'));

-- Only the hash of the code's secret is kept (SHA-256 of 192 random bits); the code names its invite, so the
-- secret is compared in constant time by the service, never looked up by value. Single use is this table's:
-- a redeem is one update from 'open' that only one transaction can make.
create table session_invite (
    id              bigserial primary key,
    invite_id       uuid         not null unique,
    session_pk      bigint       not null references video_session (id) on delete cascade,
    secret_hash     bytea        not null,
    display_name    varchar(120) not null,
    status          varchar(16)  not null check (status in ('open', 'redeemed', 'revoked')),
    created_by      varchar(64)  not null,
    created_at      timestamptz  not null,
    expires_at      timestamptz  not null,
    redeemed_at     timestamptz,
    revoked_at      timestamptz,
    revoked_by      varchar(64),
    constraint ck_session_invite_expiry check (expires_at > created_at),
    constraint ck_session_invite_redeemed check ((status = 'redeemed') = (redeemed_at is not null) or status = 'revoked')
);
create index ix_session_invite_session on session_invite (session_pk, created_at, id);
