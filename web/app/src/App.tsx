import { SessionEndedError, type RevocationReason } from '@parley/sdk';
import { useEffect, useState } from 'preact/hooks';
import { Auth } from './Auth.tsx';
import { go, useRoute } from './route.ts';
import { Session } from './session.ts';
import { Shell } from './Shell.tsx';

export function App() {
  const route = useRoute();
  const [client] = useState(Session.newClient);
  const [session, setSession] = useState<Session | null>(null);
  const [resuming, setResuming] = useState(() => Session.keptRefreshToken() != null);
  const [ended, setEnded] = useState<RevocationReason | null>(null);

  const begin = async () => {
    setEnded(null);
    const started = new Session(client, (reason) => {
      setSession(null);
      setEnded(reason ?? null);
      go({ name: 'login' });
    });
    await started.start();
    setSession(started);
    if (['login', 'signup', 'forgot', 'reset'].includes(route.name)) go({ name: 'home' });
  };

  useEffect(() => {
    const kept = Session.keptRefreshToken();
    if (kept == null || route.name === 'reset') {
      setResuming(false);
      return;
    }
    client.auth.resume(kept)
      .then(begin)
      .catch((error: unknown) => {
        if (!(error instanceof SessionEndedError)) console.warn('Could not resume the session', error);
      })
      .finally(() => setResuming(false));
  }, []);

  if (resuming) return <p class="loading" role="status">Loading…</p>;
  if (session == null || route.name === 'reset') return <Auth route={route} client={client} onLoggedIn={begin} ended={ended} />;
  return <Shell session={session} route={route} />;
}
