-- Command-side lookups of the Conversation and Contact aggregates (ADR 0003). Written in the same transaction
-- as the events they follow from; the unique constraints are the set validation. Rebuildable from the events.

-- What the Conversation aggregate's message rules need, and not more: no text, no edit history.
create table message_ledger (
    message_id        varchar(255) not null primary key,
    conversation_id   varchar(255) not null,
    seq               bigint       not null,
    sender_id         varchar(255) not null,
    client_message_id varchar(255) not null,
    deleted           boolean      not null default false,
    -- one message per seq: a stale writer of the conversation fails instead of forking it
    constraint message_ledger_seq_unique unique (conversation_id, seq),
    -- send is idempotent on (sender, clientMessageId), forever and on every instance
    constraint message_ledger_client_message_unique unique (sender_id, client_message_id)
);

-- Who reacted how, so reacting twice the same way appends nothing.
create table message_reaction (
    message_id varchar(255) not null references message_ledger (message_id),
    user_id    varchar(255) not null,
    emoji      varchar(64)  not null,
    primary key (message_id, user_id, emoji)
);

-- Blocks, read by the Conversation aggregate (blocked users cannot open or write to a direct conversation).
create table user_block (
    blocker_id varchar(255) not null,
    blocked_id varchar(255) not null,
    primary key (blocker_id, blocked_id)
);
