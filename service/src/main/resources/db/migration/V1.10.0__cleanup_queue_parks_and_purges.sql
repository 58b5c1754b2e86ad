-- The clean-up queue, to run for years: a step that has failed its last attempt is parked (kept, with its last
-- error, counted and alerted on) instead of retried for ever, and finished steps are purged after a retention
-- period (the job deletes them, a batch at a time).
alter table provider_cleanup add column parked_at timestamptz;

drop index ix_provider_cleanup_due;
create index ix_provider_cleanup_due on provider_cleanup (next_attempt_at) where done_at is null and parked_at is null;
create index ix_provider_cleanup_parked on provider_cleanup (parked_at) where parked_at is not null;
create index ix_provider_cleanup_finished on provider_cleanup (done_at) where done_at is not null;
