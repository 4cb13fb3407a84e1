import type { BlockedUser, Contact, ContactRequests } from '@parley/sdk';
import { useEffect, useState } from 'preact/hooks';
import { go } from './route.ts';
import type { Session } from './session.ts';
import { useStore } from './store.ts';
import { timeOf } from './text.ts';
import { ErrorText, PresenceDot } from './ui.tsx';
import { UserPicker } from './UserPicker.tsx';

/** Contacts with online state, requests in and out, and blocking. */
export function Contacts({ session }: { session: Session }) {
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [requests, setRequests] = useState<ContactRequests>({ incoming: [], outgoing: [] });
  const [blocked, setBlocked] = useState<BlockedUser[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const presence = useStore(session.presence);

  const load = () => Promise.all([session.client.contacts.list(), session.client.contacts.requests(), session.client.contacts.blocked()])
    .then(([list, pending, blocks]) => {
      setContacts(list.items);
      setRequests(pending);
      setBlocked(blocks.items);
    })
    .catch(setError);
  useEffect(() => {
    void load();
  }, []);

  const run = (action: () => Promise<unknown>, done = '') => {
    setError(null);
    setNotice('');
    action().then(load).then(() => setNotice(done)).catch(setError);
  };

  return (
    <section class="page" aria-labelledby="contacts-title">
      <h1 id="contacts-title">Contacts</h1>
      <ErrorText error={error} />
      <p role="status" class="hint">{notice}</p>
      <UserPicker session={session} label="Find people to add" action="Add contact"
                  onPick={(user) => run(() => session.client.contacts.request(user.userId), `Request sent to ${user.displayName}.`)} />
      <h2>Requests</h2>
      {requests.incoming.length + requests.outgoing.length === 0 ? <p class="hint">No pending requests.</p> : null}
      <ul class="people">
        {requests.incoming.map((r) => (
          <li key={r.requestId}>
            <span class="name">{r.displayName} wants to be your contact</span>
            <button type="button" onClick={() => run(() => session.client.contacts.accept(r.requestId))}>Accept</button>
            <button type="button" onClick={() => run(() => session.client.contacts.reject(r.requestId))}>Reject</button>
          </li>
        ))}
        {requests.outgoing.map((r) => <li key={r.requestId}><span class="name">{r.displayName}</span> <span class="hint">waiting for an answer</span></li>)}
      </ul>
      <h2>Your contacts</h2>
      {contacts.length === 0 ? <p class="hint">No contacts yet.</p> : null}
      <ul class="people">
        {contacts.map((c) => {
          const online = presence.get(c.userId)?.online ?? c.online;
          return (
            <li key={c.userId}>
              <PresenceDot online={online} label={c.displayName} />
              <span class="name">{c.displayName}</span>
              <button type="button" aria-label={`Message ${c.displayName}`} onClick={() => run(async () => {
                const { conversationId } = await session.client.conversations.openDirect(c.userId);
                await session.refreshInbox();
                go({ name: 'conversation', id: conversationId });
              })}>Message</button>
              <button type="button" aria-label={`Remove ${c.displayName}`} onClick={() => run(() => session.client.contacts.remove(c.userId))}>Remove</button>
              <button type="button" aria-label={`Block ${c.displayName}`} onClick={() => run(() => session.client.users.block(c.userId), `${c.displayName} is blocked.`)}>Block</button>
            </li>
          );
        })}
      </ul>
      <h2 id="blocked-title">Blocked</h2>
      <p class="hint">A blocked person cannot open a direct conversation with you, message you there or ask to be your contact.</p>
      {blocked.length === 0 ? <p class="hint">You have blocked no one.</p> : null}
      <ul class="people" aria-labelledby="blocked-title">
        {blocked.map((b) => (
          <li key={b.userId}>
            <span class="name">{b.displayName}</span> <span class="hint">blocked at {timeOf(b.blockedAt)}</span>
            <button type="button" aria-label={`Unblock ${b.displayName}`} onClick={() => run(() => session.client.users.unblock(b.userId), `${b.displayName} is unblocked.`)}>Unblock</button>
          </li>
        ))}
      </ul>
      <UserPicker session={session} label="Find someone to block" action="Block"
                  onPick={(user) => run(() => session.client.users.block(user.userId), `${user.displayName} is blocked.`)} />
    </section>
  );
}
