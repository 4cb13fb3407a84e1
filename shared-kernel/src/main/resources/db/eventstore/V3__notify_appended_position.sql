-- The notification names the highest global_index the statement appended, so a listener knows how far the store
-- reaches without asking it (TailingJdbcEventStorageEngine). Payloads differ, so notifications of one transaction
-- are no longer folded into one; a send appends one event in one statement.
create or replace function parley_notify_events() returns trigger language plpgsql as $$
begin
    perform pg_notify('parley_events', coalesce((select max(global_index) from appended), -1)::text);
    return null;
end
$$;

drop trigger parley_events_appended on domain_event_entry;

create trigger parley_events_appended
    after insert on domain_event_entry
    referencing new table as appended
    for each statement execute function parley_notify_events();
