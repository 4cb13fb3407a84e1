import { ParleyError, type Conversation, type Message, type MessagePage, type MessageVersion } from '@parley/sdk';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AttachmentList } from './Attachments.tsx';
import { Composer } from './Composer.tsx';
import { GroupPanel } from './GroupPanel.tsx';
import { apply, emptyTimeline, prepend, remove, type Timeline } from './messages.ts';
import { go } from './route.ts';
import type { Session } from './session.ts';
import { useStore } from './store.ts';
import { ReadMarker } from './readMarker.ts';
import { lastSeen, segments, timeOf } from './text.ts';
import { Dialog, ErrorText, PresenceDot } from './ui.tsx';
import { VirtualList } from './VirtualList.tsx';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'];
const TYPING_TTL_MS = 6000;
const JUMP_PAGE = 100;

/** `focusSeq`: a message to show and highlight (a search hit), loaded with everything after it. */
export function ConversationView({ session, conversationId, focusSeq }: { session: Session; conversationId: string; focusSeq?: number }) {
  const me = session.client.userId!;
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [timeline, setTimeline] = useState<Timeline>(emptyTimeline);
  const [receipts, setReceipts] = useState<ReadonlyMap<string, number>>(new Map());
  const [typing, setTyping] = useState<ReadonlyMap<string, number>>(new Map());
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [history, setHistory] = useState<{ message: Message; versions: MessageVersion[] } | null>(null);
  const [showGroup, setShowGroup] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loadingOlder = useRef(false);
  const readMarker = useRef<ReadMarker | null>(null);
  const presence = useStore(session.presence);
  const inbox = useStore(session.inbox);
  const outbox = useStore(session.outboxItems).filter((item) => item.conversationId === conversationId);
  const muted = inbox.find((i) => i.conversationId === conversationId)?.muted ?? false;

  useEffect(() => {
    let closed = false;
    let watch: { close(): void } | null = null;
    (async () => {
      const [details, page, read] = await Promise.all([
        session.client.conversations.get(conversationId),
        session.client.messages.page(conversationId, { limit: 50 }),
        session.client.conversations.receipts(conversationId),
      ]);
      if (closed) return;
      const { messages, olderCursor } = await reaching(page, focusSeq);
      if (closed) return;
      setConversation(details);
      setTimeline({ messages, olderCursor });
      setReceipts(new Map(read.items.map((r) => [r.userId, r.lastReadSeq])));
      readMarker.current = new ReadMarker((seq) => session.client.conversations.markRead(conversationId, seq),
        read.items.find((r) => r.userId === me)?.lastReadSeq ?? 0);
      await loadPresence(details);
      watch = session.live.watch(conversationId, page.items.at(-1)?.seq ?? 0, {
        onMessage: (event) => {
          if (event.type === 'member.removed') {
            if (event.userId === me) go({ name: 'home' });
            return;
          }
          setTimeline((current) => apply(current, event));
          if (event.type !== 'message.created'
              && session.inbox.value.some((i) => i.lastMessage?.messageId === event.message.messageId)) {
            void session.refreshInbox();
          }
          if (event.type === 'message.created') setTyping((t) => without(t, event.message.senderId));
        },
        onTyping: (event) => setTyping((t) => event.typing ? new Map(t).set(event.userId, Date.now() + TYPING_TTL_MS) : without(t, event.userId)),
        onReceipt: (event) => setReceipts((r) => new Map(r).set(event.userId, event.lastReadSeq)),
      });
    })().catch((e: unknown) => {
      if (e instanceof ParleyError && e.code === 'CONVERSATION_NOT_FOUND') go({ name: 'home' });
      else setError(e);
    });
    const detach = session.onEvent((event) => {
      if (event.type === 'conversation.updated' && event.conversation.conversationId === conversationId) setConversation(event.conversation);
      if ((event.type === 'member.added' || event.type === 'member.removed') && event.conversationId === conversationId && event.userId !== me) {
        void session.client.conversations.get(conversationId).then(setConversation);
      }
    });
    return () => {
      closed = true;
      watch?.close();
      detach();
    };
  }, [conversationId]);

  /**
   * The newest page, and older pages before it until `seq` is loaded: the timeline stays one run of seqs up to the
   * newest, so the live watch and "load older" go on as for any conversation (and the list renders only what is
   * on screen, however far back the hit is).
   */
  async function reaching(page: MessagePage, seq: number | undefined) {
    const messages = [...page.items];
    let olderCursor = page.nextCursor;
    while (seq != null && olderCursor != null && (messages[0]?.seq ?? 0) > seq) {
      const older = await session.client.messages.page(conversationId, { beforeSeq: olderCursor, limit: JUMP_PAGE });
      messages.unshift(...older.items);
      olderCursor = older.nextCursor;
    }
    return { messages, olderCursor };
  }

  async function loadPresence(details: Conversation) {
    if (details.type === 'DIRECT') {
      const other = details.members.find((m) => m.userId !== me);
      if (other != null) {
        const user = await session.client.users.get(other.userId);
        session.setPresence(user.userId, user.online, user.lastSeenAt);
      }
    } else {
      const online = await session.client.conversations.online(conversationId);
      const ids = new Set(online.items.map((m) => m.userId));
      for (const member of details.members) {
        if (ids.has(member.userId) !== (presence.get(member.userId)?.online ?? false)) {
          session.setPresence(member.userId, ids.has(member.userId), presence.get(member.userId)?.lastSeenAt ?? null);
        }
      }
    }
  }

  // Typing indicators expire by themselves if the typist's "stopped" never comes.
  useEffect(() => {
    if (typing.size === 0) return;
    const timer = setInterval(() => setTyping((t) => new Map([...t].filter(([, until]) => until > Date.now()))), 1000);
    return () => clearInterval(timer);
  }, [typing.size > 0]);

  // Read receipts: mark what is shown as read while the page is visible.
  const newest = timeline.messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    const markRead = () => {
      if (document.visibilityState === 'visible') readMarker.current?.mark(newest);
    };
    markRead();
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [newest]);

  const loadOlder = () => {
    const cursor = timeline.olderCursor;
    if (cursor == null || loadingOlder.current) return;
    loadingOlder.current = true;
    session.client.messages.page(conversationId, { beforeSeq: cursor, limit: 50 })
      .then((page) => setTimeline((t) => prepend(t, page.items, page.nextCursor)))
      .catch(setError)
      .finally(() => (loadingOlder.current = false));
  };

  const members = conversation?.members ?? [];
  // Archived by an admin: readable, but sends, edits and reactions answer 409 CONVERSATION_ARCHIVED.
  const archived = conversation?.archivedAt != null;
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.displayName ?? 'Someone';
  const myRole = members.find((m) => m.userId === me)?.role;
  const byId = useMemo(() => new Map(timeline.messages.map((m) => [m.messageId, m])), [timeline]);
  const myLatest = [...timeline.messages].reverse().find((m) => m.senderId === me && !m.deleted);
  const seenBy = myLatest == null ? [] : members.filter((m) => m.userId !== me && (receipts.get(m.userId) ?? 0) >= myLatest.seq);
  const typists = [...typing.keys()].filter((id) => id !== me).map(nameOf);

  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action().catch(setError);
  };

  const renderMessage = (message: Message) => {
    const mine = message.senderId === me;
    const replied = message.replyToMessageId == null ? null : byId.get(message.replyToMessageId);
    return (
      <article class={`msg${mine ? ' mine' : ''}${message.seq === focusSeq ? ' found' : ''}`} data-seq={message.seq}
               data-message-id={message.messageId} tabIndex={message.seq === focusSeq ? -1 : undefined}
               aria-label={`${nameOf(message.senderId)}, ${timeOf(message.createdAt)}${message.seq === focusSeq ? ', found by search' : ''}`}>
        {message.replyToMessageId != null ? (
          <p class="quote">Reply to {replied == null ? 'an earlier message' : `${nameOf(replied.senderId)}: ${replied.deleted ? 'message deleted' : replied.text}`}</p>
        ) : null}
        <header>
          <strong>{nameOf(message.senderId)}</strong> <time dateTime={message.createdAt}>{timeOf(message.createdAt)}</time>
          {message.editedAt != null && !message.deleted ? (
            <button type="button" class="link edited" onClick={() => act(async () => {
              setHistory({ message, versions: (await session.client.messages.history(conversationId, message.messageId)).items });
            })}>(edited)</button>
          ) : null}
        </header>
        {message.deleted ? <p class="text deleted">Message deleted</p>
          : editing === message.messageId ? (
            <EditForm initial={message.text ?? ''} onCancel={() => setEditing(null)}
                      onSave={(text) => act(async () => {
                        await session.client.messages.edit(conversationId, message.messageId, text);
                        setEditing(null);
                      })} />
          ) : (
            <>
              {message.text != null && message.text !== '' ? (
                <p class="text">{segments(message.text, message.mentions, members).map((s) => s.kind === 'mention'
                  ? <strong class={s.userId === me ? 'mention me' : 'mention'}>{s.text}</strong> : s.text)}</p>
              ) : null}
              <AttachmentList client={session.client} attachments={message.attachments ?? []} />
            </>
          )}
        {Object.keys(message.reactions).length > 0 ? (
          <div class="reactions">
            {Object.entries(message.reactions).map(([emoji, users]) => {
              const reacted = users.includes(me);
              if (archived) {
                return <span class="reaction" title={users.map(nameOf).join(', ')}>{emoji} {users.length}</span>;
              }
              return (
                <button type="button" class="reaction" aria-pressed={reacted} title={users.map(nameOf).join(', ')}
                        aria-label={`${emoji} ${users.length}, ${reacted ? 'remove your reaction' : 'react too'}`}
                        onClick={() => act(() => reacted ? session.client.messages.unreact(conversationId, message.messageId, emoji)
                          : session.client.messages.react(conversationId, message.messageId, emoji))}>
                  {emoji} {users.length}
                </button>
              );
            })}
          </div>
        ) : null}
        {!message.deleted ? (
          <MessageActions mine={mine} canModerate={myRole === 'OWNER' || myRole === 'ADMIN'} archived={archived}
                          onReply={() => setReplyTo(message)}
                          onReact={(emoji) => act(() => session.client.messages.react(conversationId, message.messageId, emoji))}
                          onEdit={() => setEditing(message.messageId)}
                          onDelete={(scope) => act(async () => {
                            await session.client.messages.delete(conversationId, message.messageId, scope);
                            if (scope === 'me') setTimeline((t) => remove(t, message.messageId));
                          })} />
        ) : null}
        {myLatest?.seq === message.seq && seenBy.length > 0 ? <p class="seen">Seen by {seenBy.map((m) => m.displayName).sort((a, b) => a.localeCompare(b)).join(', ')}</p> : null}
      </article>
    );
  };

  const other = conversation?.type === 'DIRECT' ? members.find((m) => m.userId !== me) : undefined;
  const otherPresence = other == null ? undefined : presence.get(other.userId);
  const onlineCount = members.filter((m) => m.userId !== me && presence.get(m.userId)?.online).length;

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div>
          <h1 id="conversation-title">
            {other != null ? <PresenceDot online={otherPresence?.online ?? false} label={other.displayName} /> : null}
            {conversation?.name ?? '…'}
          </h1>
          <p class="subtitle">
            {other != null ? (otherPresence?.online ? 'online' : lastSeen(otherPresence?.lastSeenAt ?? null))
              : conversation != null ? `${members.length} ${members.length === 1 ? 'member' : 'members'}, ${onlineCount} online${conversation.topic ? ` · ${conversation.topic}` : ''}` : ''}
          </p>
        </div>
        <div class="head-actions">
          <button type="button" aria-pressed={muted} onClick={() => act(async () => {
            await session.client.conversations.mute(conversationId, !muted);
            await session.refreshInbox();
          })}>{muted ? 'Unmute' : 'Mute'}</button>
          {conversation?.type === 'GROUP' ? <button type="button" onClick={() => setShowGroup(true)}>Group settings</button> : null}
        </div>
      </header>
      <ErrorText error={error} />
      <VirtualList items={timeline.messages} keyOf={(m) => m.seq} render={renderMessage} onNearTop={loadOlder} label="Messages"
                   focusKey={focusSeq}
                   footer={outbox.length > 0 ? (
                     <ul class="outbox" aria-label="Unsent messages">
                       {outbox.map((item) => (
                         <li key={item.clientMessageId} class={item.state}>
                           <span>{item.text !== '' ? item.text : `📎 ${item.attachmentIds?.length ?? 0} attachment(s)`}</span>{' '}
                           {item.state === 'failed' ? (
                             <>
                               <span class="error">Not sent ({item.error})</span>
                               <button type="button" class="link" onClick={() => session.outbox.retry(item.clientMessageId)}>Retry</button>
                               <button type="button" class="link" onClick={() => session.outbox.discard(item.clientMessageId)}>Discard</button>
                             </>
                           ) : <span class="hint">Sending…</span>}
                         </li>
                       ))}
                     </ul>
                   ) : null} />
      <p class="typing" aria-live="polite">{typists.length === 0 ? '' : `${typists.join(', ')} ${typists.length === 1 ? 'is' : 'are'} typing…`}</p>
      {archived ? (
        <p class="archived" role="status">An administrator archived this conversation: you can read it, but no one can write in it any more.</p>
      ) : (
        <Composer session={session} conversationId={conversationId} members={members} replyTo={replyTo}
                  replyName={replyTo == null ? '' : nameOf(replyTo.senderId)} onReplyDone={() => setReplyTo(null)}
                  autoFocus={focusSeq == null} />
      )}
      {history != null ? (
        <Dialog title="Edit history" onClose={() => setHistory(null)}>
          <ol class="history">
            {history.versions.map((version, i) => (
              <li key={i}><span class="hint">{version.editedAt == null ? 'Original' : `Edited ${timeOf(version.editedAt)}`}:</span> {version.text}</li>
            ))}
          </ol>
        </Dialog>
      ) : null}
      {showGroup && conversation != null ? <GroupPanel session={session} conversation={conversation} onClose={() => setShowGroup(false)} onChanged={setConversation} /> : null}
    </section>
  );
}

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

function MessageActions(props: {
  mine: boolean;
  canModerate: boolean;
  /** Only deleting is left in an archived conversation. */
  archived: boolean;
  onReply: () => void;
  onReact: (emoji: string) => void;
  onEdit: () => void;
  onDelete: (scope: 'everyone' | 'me') => void;
}) {
  const [picking, setPicking] = useState(false);
  return (
    <div class="actions" role="group" aria-label="Message actions">
      {props.archived ? null : <button type="button" onClick={props.onReply}>Reply</button>}
      {props.archived ? null : <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>React</button>}
      {picking && !props.archived ? QUICK_REACTIONS.map((emoji) => (
        <button type="button" class="emoji" key={emoji} aria-label={`React with ${emoji}`} onClick={() => {
          setPicking(false);
          props.onReact(emoji);
        }}>{emoji}</button>
      )) : null}
      {props.mine && !props.archived ? <button type="button" onClick={props.onEdit}>Edit</button> : null}
      <button type="button" onClick={() => props.onDelete('me')}>Delete for me</button>
      {props.mine || props.canModerate ? <button type="button" onClick={() => props.onDelete('everyone')}>Delete for everyone</button> : null}
    </div>
  );
}

function EditForm({ initial, onSave, onCancel }: { initial: string; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <form class="edit" onSubmit={(e) => {
      e.preventDefault();
      if (text.trim() !== '') onSave(text);
    }}>
      <label class="sr-only" for="edit-text">Edit message</label>
      <textarea id="edit-text" value={text} maxLength={4000} onInput={(e) => setText(e.currentTarget.value)}
                onKeyDown={(e) => e.key === 'Escape' && onCancel()} />
      <button type="submit">Save</button>
      <button type="button" onClick={onCancel}>Cancel</button>
    </form>
  );
}

