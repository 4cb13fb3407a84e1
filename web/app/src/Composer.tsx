import type { Attachment, Member, Message } from '@parley/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from './session.ts';
import { formatSize, mentionQuery, mentionedIds, suggestions } from './text.ts';

const MAX_ATTACHMENTS = 10;

/** A file being attached: uploaded as soon as it is picked, dropped or pasted; sent with the next message. */
interface Pending {
  key: number;
  name: string;
  size: number;
  preview: string | null;
  state: 'uploading' | 'ready' | 'failed';
  attachment?: Attachment;
  error?: string;
}

const TYPING_REFRESH_MS = 3000;
const TYPING_IDLE_MS = 4000;

interface Props {
  session: Session;
  conversationId: string;
  members: Member[];
  replyTo: Message | null;
  replyName: string;
  onReplyDone: () => void;
  /** Focus the message box at once (not when the conversation opens at a search hit, which takes the focus). */
  autoFocus: boolean;
}

/** The message box: Enter sends (Shift+Enter for a new line), `@` suggests members, typing is announced. */
export function Composer({ session, conversationId, members, replyTo, replyName, onReplyDone, autoFocus }: Props) {
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const typingSentAt = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const [pending, setPending] = useState<Pending[]>([]);
  const [dragging, setDragging] = useState(false);
  const me = session.client.userId;

  // A keyboard user lands in the box on opening a conversation and on choosing Reply, not behind the buttons of
  // every message on screen.
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, []);
  useEffect(() => {
    if (replyTo != null) input.current?.focus();
  }, [replyTo]);

  const update = (key: number, change: Partial<Pending>) =>
    setPending((all) => all.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const attach = (files: Iterable<File>) => {
    const room = MAX_ATTACHMENTS - pending.length;
    for (const file of [...files].slice(0, Math.max(0, room))) {
      const key = nextKey.current++;
      const name = file.name !== '' ? file.name : `pasted.${file.type.split('/')[1] ?? 'bin'}`;
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      setPending((all) => [...all, { key, name, size: file.size, preview, state: 'uploading' }]);
      session.client.attachments.upload(conversationId, file, name)
        .then((attachment) => update(key, { state: 'ready', attachment }))
        .catch((error: unknown) => update(key, {
          state: 'failed', error: (error as { code?: string }).code ?? 'upload failed',
        }));
    }
  };

  const drop = (key: number) => setPending((all) => {
    const gone = all.find((p) => p.key === key);
    if (gone?.preview != null) URL.revokeObjectURL(gone.preview);
    return all.filter((p) => p.key !== key);
  });

  const ready = pending.filter((p) => p.state === 'ready');
  const uploading = pending.some((p) => p.state === 'uploading');
  const canSend = !uploading && (text.trim() !== '' || ready.length > 0);

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
    if (!canSend) return;
    const mentions = mentionedIds(body, members.filter((m) => m.userId !== me));
    const attachmentIds = ready.map((p) => p.attachment!.attachmentId);
    void session.outbox.send(conversationId, body, {
      ...(replyTo != null ? { replyToMessageId: replyTo.messageId } : {}),
      ...(mentions.length > 0 ? { mentions } : {}),
      ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
    }).catch(() => {
      // A refused message stays in the outbox, marked failed, with Retry and Discard.
    });
    pending.forEach((p) => { if (p.preview != null) URL.revokeObjectURL(p.preview); });
    setPending([]);
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
    <form class={dragging ? 'composer dragging' : 'composer'} onSubmit={(e) => {
      e.preventDefault();
      send();
    }} onDragOver={(e) => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        setDragging(true);
      }
    }} onDragLeave={() => setDragging(false)} onDrop={(e) => {
      setDragging(false);
      if (e.dataTransfer != null && e.dataTransfer.files.length > 0) {
        e.preventDefault();
        attach(e.dataTransfer.files);
      }
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
      {pending.length > 0 ? (
        <ul class="pending-attachments" aria-label="Attachments to send">
          {pending.map((p) => (
            <li key={p.key} class={p.state}>
              {p.preview != null ? <img src={p.preview} alt="" width={48} height={48} /> : <span aria-hidden="true">📎</span>}
              <span class="name">{p.name}</span> <span class="hint">{formatSize(p.size)}
                {p.state === 'uploading' ? ', uploading…' : p.state === 'failed' ? `, not attached (${p.error})` : ''}</span>
              <button type="button" class="link" aria-label={`Remove ${p.name}`} onClick={() => drop(p.key)}>✕</button>
            </li>
          ))}
        </ul>
      ) : null}
      <input ref={picker} id="attach-input" type="file" multiple class="sr-only" tabIndex={-1} aria-hidden="true"
             onChange={(e) => {
               if (e.currentTarget.files != null) attach(e.currentTarget.files);
               e.currentTarget.value = '';
             }} />
      <button type="button" class="attach" aria-label="Attach files" title="Attach files"
              disabled={pending.length >= MAX_ATTACHMENTS} onClick={() => picker.current?.click()}>📎</button>
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
                onKeyDown={onKeyDown} onBlur={stopTyping}
                onPaste={(e) => {
                  const files = e.clipboardData?.files;
                  if (files != null && files.length > 0) {
                    e.preventDefault();
                    attach(files);
                  }
                }} />
      <button type="submit" disabled={!canSend}>Send</button>
    </form>
  );
}
