-- Who asked for a recording's or a broadcast's stop, and why, kept before the provider is asked. The provider's
-- own report of the stop (its callback, or a read of its status) can arrive before the stop's answer is written;
-- with nothing kept, that report logged the stop without its asker and reason, and the answer that followed
-- changed nothing (a patient's withdrawn consent lost from the event log). A report now takes them from here.
alter table recording add column stop_asked_by varchar(64);
alter table recording add column stop_reason varchar(64);
alter table broadcast add column stop_asked_by varchar(64);
alter table broadcast add column stop_reason varchar(64);
