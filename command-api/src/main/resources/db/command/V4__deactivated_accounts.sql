-- Set while an ADMIN has deactivated the account (UserDeactivatedEvent): login is refused.
alter table credentials add column deactivated_at timestamptz;
