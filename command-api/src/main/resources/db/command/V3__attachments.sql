-- Uploaded attachments (docs/adr/0006-attachments.md): who uploaded what to which conversation, and which message
-- sent it. The bytes are in the attachment store under the attachment id. A row is the write model of an upload,
-- not derived from events: sending claims it (message_id, in the send's transaction), deleting the message or the
-- uploader's account discards it, and the sweeper deletes the bytes of discarded rows and of uploads left unsent.
create table attachment (
    attachment_id   varchar(64)  not null primary key,
    conversation_id varchar(255) not null,
    uploader_id     varchar(255) not null,
    name            varchar(255) not null,
    content_type    varchar(255) not null,
    size            bigint       not null,
    width           integer,
    height          integer,
    thumbnail       boolean      not null,
    uploaded_at     timestamptz  not null,
    message_id      varchar(255),
    discarded_at    timestamptz
);

-- the uploader's quota: the sizes of what they keep stored
create index attachment_uploader on attachment (uploader_id) where discarded_at is null;
-- a deleted message discards its attachments
create index attachment_message on attachment (message_id) where message_id is not null;
-- the sweeper: uploads never sent, and discarded ones
create index attachment_unsent on attachment (uploaded_at) where message_id is null;
create index attachment_discarded on attachment (discarded_at) where discarded_at is not null;
