import type { ConnectionStatus, InboxItem } from '@parley/sdk';
import { useEffect, useState } from 'preact/hooks';
import { Contacts } from './Contacts.tsx';
import { ConversationView } from './ConversationView.tsx';
import { NewConversation } from './NewConversation.tsx';
import { href, type Route } from './route.ts';
import { Search } from './Search.tsx';
import type { Session } from './session.ts';
import { Settings } from './Settings.tsx';
import { useStore } from './store.ts';
import { timeOf } from './text.ts';

export function Shell({ session, route }: { session: Session; route: Route }) {
  const me = useStore(session.me);
  const inbox = useStore(session.inbox);
  const [creating, setCreating] = useState<'group' | 'direct' | null>(null);
  const current = route.name === 'conversation' ? route.id : null;
  return (
    <div class="shell">
      <aside class="sidebar" aria-label="Conversations">
        <header class="sidebar-head">
          <span class="brand">Parley</span>
          <ConnectionState session={session} />
        </header>
        <nav aria-label="Main">
          <a href={href({ name: 'home' })} aria-current={route.name === 'home' ? 'page' : undefined}>Chats</a>
          <a href={href({ name: 'contacts' })} aria-current={route.name === 'contacts' ? 'page' : undefined}>Contacts</a>
          <a href={href({ name: 'search' })} aria-current={route.name === 'search' ? 'page' : undefined}>Search</a>
          <a href={href({ name: 'settings' })} aria-current={route.name === 'settings' ? 'page' : undefined}>Settings</a>
        </nav>
        <div class="new-buttons">
          <button type="button" onClick={() => setCreating('direct')}>New chat</button>
          <button type="button" onClick={() => setCreating('group')}>New group</button>
        </div>
        <InboxList items={inbox} current={current} />
        <footer class="me">Signed in as <strong>{me?.displayName}</strong></footer>
      </aside>
      <main class="content">
        {route.name === 'conversation' ? <ConversationView key={`${route.id}/${route.seq ?? ''}`} session={session} conversationId={route.id} focusSeq={route.seq} />
          : route.name === 'contacts' ? <Contacts session={session} />
          : route.name === 'search' ? <Search session={session} />
          : route.name === 'settings' ? <Settings session={session} />
          : <div class="empty"><h1>Welcome{me ? `, ${me.displayName}` : ''}</h1><p>Pick a conversation, or start one.</p></div>}
      </main>
      {creating != null ? <NewConversation session={session} kind={creating} onClose={() => setCreating(null)} /> : null}
    </div>
  );
}

function InboxList({ items, current }: { items: InboxItem[]; current: string | null }) {
  if (items.length === 0) return <p class="hint">No conversations yet.</p>;
  return (
    <ul class="inbox">
      {items.map((item) => (
        <li key={item.conversationId}>
          <a href={href({ name: 'conversation', id: item.conversationId })} aria-current={item.conversationId === current ? 'page' : undefined}
             class={item.unreadCount > 0 ? 'unread' : undefined}>
            <span class="inbox-name">{item.name ?? 'Conversation'}</span>
            {item.unreadCount > 0 ? <span class="badge">{item.unreadCount}<span class="sr-only"> unread</span></span> : null}
            <span class="inbox-last">{item.lastMessage == null ? 'No messages yet' : item.lastMessage.deleted ? 'Message deleted' : item.lastMessage.text}</span>
            <span class="inbox-time">{timeOf(item.lastMessage?.createdAt ?? item.lastActivityAt)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const LABELS: Record<ConnectionStatus['state'], string> = {
  connecting: 'Connecting…',
  online: 'Connected',
  waiting: 'Reconnecting',
  paused: 'Offline',
  stopped: 'Disconnected',
  revoked: 'Signed out',
};

function ConnectionState({ session }: { session: Session }) {
  const status = useStore(session.status);
  const pending = useStore(session.outboxItems).filter((i) => i.state === 'pending').length;
  const [, tick] = useState(0);
  useEffect(() => {
    if (status.state !== 'waiting') return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [status]);
  const seconds = status.retryAt == null ? 0 : Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000));
  return (
    <span class={`connection ${status.state}`} role="status" data-state={status.state}>
      {LABELS[status.state]}{status.state === 'waiting' ? ` in ${seconds} s` : ''}
      {pending > 0 ? ` · ${pending} unsent` : ''}
      {status.state === 'waiting' ? <button type="button" class="link" onClick={() => session.live.reconnectNow()}>Retry now</button> : null}
    </span>
  );
}
