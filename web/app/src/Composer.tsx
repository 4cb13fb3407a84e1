import type { Member, Message } from '@parley/sdk';
import { useRef, useState } from 'preact/hooks';
import type { Session } from './session.ts';
import { mentionQuery, mentionedIds, suggestions } from './text.ts';

const TYPING_REFRESH_MS = 3000;
const TYPING_IDLE_MS = 4000;

interface Props {
  session: Session;
  conversationId: string;
  members: Member[];
  replyTo: Message | null;
  replyName: string;
  onReplyDone: () => void;
}

/** The message box: Enter sends (Shift+Enter for a new line), `@` suggests members, typing is announced. */
export function Composer({ session, conversationId, members, replyTo, replyName, onReplyDone }: Props) {
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const typingSentAt = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const me = session.client.userId;

  const query = dismissed ? null : mentionQuery(text, caret);
  const options = query == null ? [] : suggestions(members, query.query, me);

  const stopTyping = () => {
    if (idle.current != null) clearTimeout(idle.current);
    idle.current = null;
    if (typingSentAt.current !== 0) session.live.sendTyping(conversationId, false);
    typingSentAt.current = 0;
  };

  const announceTyping = () => {
    if (Date.now() - typingSentAt.current > TYPING_REFRESH_MS) {
      if (session.live.sendTyping(conversationId, true)) typingSentAt.current = Date.now();
    }
    if (idle.current != null) clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const choose = (member: Member) => {
    if (query == null) return;
    const next = `${text.slice(0, query.start)}@${member.displayName} ${text.slice(caret)}`;
    const position = query.start + member.displayName.length + 2;
    setText(next);
    setCaret(position);
    setActive(0);
    queueMicrotask(() => {
      input.current?.focus();
      input.current?.setSelectionRange(position, position);
    });
  };

  const send = () => {
    const body = text.trim();
    if (body === '') return;
    const mentions = mentionedIds(body, members.filter((m) => m.userId !== me));
    void session.outbox.send(conversationId, body, {
      ...(replyTo != null ? { replyToMessageId: replyTo.messageId } : {}),
      ...(mentions.length > 0 ? { mentions } : {}),
    }).catch(() => {
      // A refused message stays in the outbox, marked failed, with Retry and Discard.
    });
    setText('');
    setCaret(0);
    stopTyping();
    onReplyDone();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (options.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        choose(options[Math.min(active, options.length - 1)]!);
        return;
      }
      if (e.key === 'Escape') {
        setDismissed(true);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form class="composer" onSubmit={(e) => {
      e.preventDefault();
      send();
    }}>
      {replyTo != null ? (
        <p class="replying">Replying to {replyName}: <span class="hint">{replyTo.text}</span>{' '}
          <button type="button" class="link" onClick={onReplyDone}>Cancel reply</button></p>
      ) : null}
      {options.length > 0 ? (
        <ul id="mention-options" role="listbox" aria-label="Mention suggestions" class="mentions">
          {options.map((member, i) => (
            <li key={member.userId} id={`mention-${member.userId}`} role="option" aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(member);
                }}>@{member.displayName}</li>
          ))}
        </ul>
      ) : null}
      <label class="sr-only" for="message-input">Message</label>
      <textarea id="message-input" ref={input} rows={2} maxLength={4000} placeholder="Write a message… (@ to mention)"
                value={text} aria-autocomplete="list" aria-controls={options.length > 0 ? 'mention-options' : undefined}
                aria-activedescendant={options.length > 0 ? `mention-${options[Math.min(active, options.length - 1)]!.userId}` : undefined}
                onInput={(e) => {
                  setText(e.currentTarget.value);
                  setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
                  setDismissed(false);
                  setActive(0);
                  announceTyping();
                }}
                onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
                onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
                onKeyDown={onKeyDown} onBlur={stopTyping} />
      <button type="submit" disabled={text.trim() === ''}>Send</button>
    </form>
  );
}
