-- Crypto-shredding (docs/adr/0007-crypto-shredding.md): one AES-256 key per data subject (user id), with which the
-- personal fields of their events are encrypted. Erasing a subject sets key_bytes to null for good (the row stays, so
-- no later event of theirs gets a fresh key). Written by command-api only; read by every service that reads events.
create table personal_data_keys (
    subject_id varchar(255) not null primary key,
    key_bytes  bytea,
    created_at timestamptz  not null,
    erased_at  timestamptz,
    check ((key_bytes is null) = (erased_at is not null))
);
