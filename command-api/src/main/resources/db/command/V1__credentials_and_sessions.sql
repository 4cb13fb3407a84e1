-- Command-side lookups of command-api (not read models): written in the same transaction as the events.

-- One row per user. email_normalized (trimmed, lower case) is the set-based uniqueness rule for emails;
-- a deleted account keeps its row with email and hash cleared, which frees the email.
create table credentials (
    user_id          varchar(64)  not null primary key,
    email_normalized varchar(320) unique,
    password_hash    varchar(100),
    roles            varchar(100) not null,
    created_at       timestamptz  not null,
    deleted_at       timestamptz
);

-- A login session. Only the SHA-256 hash of its current refresh token is kept.
create table auth_sessions (
    session_id         varchar(64) not null primary key,
    user_id            varchar(64) not null,
    refresh_token_hash char(64)    not null unique,
    created_at         timestamptz not null,
    refreshed_at       timestamptz not null,
    expires_at         timestamptz not null,
    revoked_at         timestamptz
);

create index auth_sessions_user_id on auth_sessions (user_id);

-- Refresh tokens that were rotated away: presenting one again means it leaked, so its session ends.
create table auth_rotated_refresh_tokens (
    token_hash char(64)    not null primary key,
    session_id varchar(64) not null references auth_sessions (session_id),
    rotated_at timestamptz not null
);
