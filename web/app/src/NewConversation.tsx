import type { User } from '@parley/sdk';
import { useState } from 'preact/hooks';
import { go } from './route.ts';
import type { Session } from './session.ts';
import { Dialog, ErrorText, attempt } from './ui.tsx';
import { UserPicker } from './UserPicker.tsx';

/** Starts a direct conversation with one person, or creates a group with a name and people. */
export function NewConversation({ session, kind, onClose }: { session: Session; kind: 'group' | 'direct'; onClose: () => void }) {
  const [name, setName] = useState('');
  const [people, setPeople] = useState<User[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const open = (conversationId: string) => {
    onClose();
    go({ name: 'conversation', id: conversationId });
  };

  if (kind === 'direct') {
    return (
      <Dialog title="New chat" onClose={onClose}>
        <UserPicker session={session} label="Find a person" action="Chat with" onPick={(user) => void attempt(setBusy, setError, async () => {
          const { conversationId } = await session.client.conversations.openDirect(user.userId);
          await session.refreshInbox();
          open(conversationId);
        })} />
        <ErrorText error={error} />
      </Dialog>
    );
  }
  return (
    <Dialog title="New group" onClose={onClose}>
      <form onSubmit={(e) => {
        e.preventDefault();
        void attempt(setBusy, setError, async () => {
          const { conversationId } = await session.client.conversations.createGroup(name.trim(), people.map((p) => p.userId));
          await session.refreshInbox();
          open(conversationId);
        });
      }}>
        <label>Group name<input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <UserPicker session={session} label="Add people" action="Add" exclude={people.map((p) => p.userId)}
                    onPick={(user) => setPeople((list) => [...list, user])} />
        {people.length > 0 ? (
          <ul class="chosen" aria-label="People in the new group">
            {people.map((p) => (
              <li key={p.userId}>{p.displayName}{' '}
                <button type="button" class="link" aria-label={`Remove ${p.displayName}`} onClick={() => setPeople((list) => list.filter((x) => x !== p))}>✕</button>
              </li>
            ))}
          </ul>
        ) : null}
        <ErrorText error={error} />
        <button type="submit" disabled={busy || name.trim() === ''}>Create group</button>
      </form>
    </Dialog>
  );
}
