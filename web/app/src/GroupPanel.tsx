import type { Conversation } from '@parley/sdk';
import { useState } from 'preact/hooks';
import { go } from './route.ts';
import type { Session } from './session.ts';
import { useStore } from './store.ts';
import { Dialog, ErrorText, PresenceDot } from './ui.tsx';
import { UserPicker } from './UserPicker.tsx';

/** A group's name and topic, its members and their roles; add, remove, leave. */
export function GroupPanel({ session, conversation, onClose, onChanged }: {
  session: Session;
  conversation: Conversation;
  onClose: () => void;
  onChanged: (conversation: Conversation) => void;
}) {
  const me = session.client.userId;
  const myRole = conversation.members.find((m) => m.userId === me)?.role;
  const manager = myRole === 'OWNER' || myRole === 'ADMIN';
  const [name, setName] = useState(conversation.name ?? '');
  const [topic, setTopic] = useState(conversation.topic ?? '');
  const [error, setError] = useState<unknown>(null);
  const presence = useStore(session.presence);
  const id = conversation.conversationId;

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    action()
      .then(() => session.client.conversations.get(id))
      .then(onChanged)
      .catch(setError);
  };

  return (
    <Dialog title="Group settings" onClose={onClose}>
      {manager ? (
        <form onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            await session.client.conversations.update(id, { name: name.trim(), topic: topic.trim() });
            await session.refreshInbox();
          });
        }}>
          <label>Name<input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label>Topic<input maxLength={500} value={topic} onInput={(e) => setTopic(e.currentTarget.value)} /></label>
          <button type="submit">Save</button>
        </form>
      ) : <p>{conversation.topic}</p>}
      <h3>Members</h3>
      <ul class="people">
        {conversation.members.map((member) => (
          <li key={member.userId}>
            <PresenceDot online={presence.get(member.userId)?.online ?? false} label={member.displayName} />
            <span class="name">{member.displayName}{member.userId === me ? ' (you)' : ''}</span>
            {myRole === 'OWNER' && member.role !== 'OWNER' ? (
              <label class="inline">Role
                <select value={member.role} onChange={(e) => run(() => session.client.conversations.setRole(id, member.userId, e.currentTarget.value as 'ADMIN' | 'MEMBER'))}>
                  <option value="MEMBER">Member</option>
                  <option value="ADMIN">Admin</option>
                </select>
              </label>
            ) : <span class="role">{member.role.toLowerCase()}</span>}
            {manager && member.userId !== me && member.role !== 'OWNER' ? (
              <button type="button" aria-label={`Remove ${member.displayName}`} onClick={() => run(() => session.client.conversations.removeMember(id, member.userId))}>Remove</button>
            ) : null}
          </li>
        ))}
      </ul>
      {manager ? (
        <UserPicker session={session} label="Add a member" action="Add" exclude={conversation.members.map((m) => m.userId)}
                    onPick={(user) => run(() => session.client.conversations.addMember(id, user.userId))} />
      ) : null}
      <ErrorText error={error} />
      <button type="button" class="danger" onClick={() => {
        setError(null);
        session.client.conversations.removeMember(id, me!)
          .then(() => session.refreshInbox())
          .then(() => {
            onClose();
            go({ name: 'home' });
          })
          .catch(setError);
      }}>Leave group</button>
    </Dialog>
  );
}
