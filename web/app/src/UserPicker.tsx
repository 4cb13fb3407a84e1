import type { User } from '@parley/sdk';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from './session.ts';
import { ErrorText } from './ui.tsx';

/** Finds users by the start of their name or email, and offers each to `onPick`. */
export function UserPicker({ session, label, action, onPick, exclude = [] }: {
  session: Session;
  label: string;
  action: string;
  onPick: (user: User) => void;
  exclude?: readonly string[];
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<User[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (query.trim() === '') {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      session.client.users.search(query.trim(), 10)
        .then((result) => current && setFound(result.items.filter((u) => u.userId !== session.client.userId && !exclude.includes(u.userId))))
        .catch((e: unknown) => current && setError(e));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, exclude.join()]);
  return (
    <div class="picker">
      <label>{label}<input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      <ul class="people">
        {found.map((user) => (
          <li key={user.userId}>
            <span class="name">{user.displayName}</span>
            <button type="button" aria-label={`${action} ${user.displayName}`} onClick={() => onPick(user)}>{action}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
