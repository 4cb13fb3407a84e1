-- Push, not poll: every transaction that appends events notifies channel parley_events when it commits (a NOTIFY
-- is delivered at commit, once per transaction and payload), so the services' event stores fetch at once.
create or replace function parley_notify_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('parley_events', '');
    return null;
end
$$;

create trigger parley_events_appended
    after insert on domain_event_entry
    for each statement execute function parley_notify_events();
