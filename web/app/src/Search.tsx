import type { MessageSearchHit } from '@parley/sdk';
import { useState } from 'preact/hooks';
import { href } from './route.ts';
import type { Session } from './session.ts';
import { timeOf } from './text.ts';
import { ErrorText, attempt } from './ui.tsx';

/** Message search over every conversation the user is in. */
export function Search({ session }: { session: Session }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<MessageSearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <section class="page" aria-labelledby="search-title">
      <h1 id="search-title">Search messages</h1>
      <form role="search" onSubmit={(e) => {
        e.preventDefault();
        void attempt(setBusy, setError, async () => setResults((await session.client.messages.search({ q: q.trim(), limit: 50 })).items));
      }}>
        <label>Words to find<input type="search" required maxLength={200} value={q} onInput={(e) => setQ(e.currentTarget.value)} /></label>
        <button type="submit" disabled={busy}>Search</button>
      </form>
      <ErrorText error={error} />
      {results != null ? (
        <>
          <p role="status">{results.length === 0 ? 'Nothing found.' : `${results.length} found`}</p>
          <ul class="results">
            {results.map((m) => (
              <li key={m.messageId}>
                <a href={href({ name: 'conversation', id: m.conversationId, seq: m.seq })}
                   aria-label={`${m.conversationName ?? 'Conversation'}, message of ${timeOf(m.createdAt)}: open it there`}>{m.conversationName ?? 'Conversation'}</a>{' '}
                <span class="hint">{timeOf(m.createdAt)}</span>
                <p>{m.text}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
