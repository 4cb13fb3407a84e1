import type { ParleyClient, RevocationReason } from '@parley/sdk';
import { useState } from 'preact/hooks';
import { go, href, type Route } from './route.ts';
import { ErrorText, attempt } from './ui.tsx';

interface Props {
  route: Route;
  client: ParleyClient;
  onLoggedIn: () => Promise<void>;
  /** Why the last session ended, when Parley ended it. */
  ended?: RevocationReason | null;
}

const ENDED: Partial<Record<RevocationReason, string>> = {
  ACCOUNT_DEACTIVATED: 'You were signed out: an administrator deactivated your account.',
  PASSWORD_CHANGED: 'You were signed out because your password was changed. Log in with the new one.',
  ACCOUNT_DELETED: 'Your account was deleted.',
};

/** Log in, sign up, forgot password and the reset page that the password-reset mail links to. */
export function Auth({ route, client, onLoggedIn, ended }: Props) {
  const why = ended == null ? undefined : ENDED[ended];
  return (
    <main class="auth">
      <h1 class="brand">Parley</h1>
      {why != null && route.name === 'login' ? <p class="notice card" role="alert">{why}</p> : null}
      {route.name === 'signup' ? <SignUp client={client} onLoggedIn={onLoggedIn} />
        : route.name === 'forgot' ? <Forgot client={client} />
        : route.name === 'reset' ? <Reset client={client} token={route.token} />
        : <Login client={client} onLoggedIn={onLoggedIn} />}
    </main>
  );
}

function Login({ client, onLoggedIn }: Pick<Props, 'client' | 'onLoggedIn'>) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    void attempt(setBusy, setError, async () => {
      await client.auth.login(email, password);
      await onLoggedIn();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">Log in</h2>
      <label>Email<input type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></label>
      <label>Password<input type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>Log in</button>
      <p><a href={href({ name: 'signup' })}>Create an account</a> · <a href={href({ name: 'forgot' })}>Forgot password?</a></p>
    </form>
  );
}

function SignUp({ client, onLoggedIn }: Pick<Props, 'client' | 'onLoggedIn'>) {
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    void attempt(setBusy, setError, async () => {
      await client.auth.register({ email, password, displayName });
      await client.auth.login(email, password);
      await onLoggedIn();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="signup-title">
      <h2 id="signup-title">Create an account</h2>
      <label>Display name<input required maxLength={100} autocomplete="nickname" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} /></label>
      <label>Email<input type="email" required autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></label>
      <label>Password (8 to 128 characters)<input type="password" required minLength={8} maxLength={128} autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>Sign up</button>
      <p><a href={href({ name: 'login' })}>I have an account</a></p>
    </form>
  );
}

function Forgot({ client }: Pick<Props, 'client'>) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    void attempt(setBusy, setError, async () => {
      await client.auth.requestPasswordReset(email);
      setSent(true);
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="forgot-title">
      <h2 id="forgot-title">Reset your password</h2>
      <label>Email<input type="email" required autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      {sent ? <p role="status">If that account exists, a mail with a reset link is on its way.</p> : null}
      <button type="submit" disabled={busy}>Send the link</button>
      <p><a href={href({ name: 'login' })}>Back to log in</a></p>
    </form>
  );
}

function Reset({ client, token }: Pick<Props, 'client'> & { token: string }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    void attempt(setBusy, setError, async () => {
      await client.auth.confirmPasswordReset(token, password);
      go({ name: 'login' });
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="reset-title">
      <h2 id="reset-title">Choose a new password</h2>
      <label>New password (8 to 128 characters)<input type="password" required minLength={8} maxLength={128} autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      <button type="submit" disabled={busy || token === ''}>Set password</button>
      <p>Every other session ends; log in with the new password afterwards.</p>
    </form>
  );
}
