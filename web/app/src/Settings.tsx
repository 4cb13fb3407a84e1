import type { OwnProfile } from '@parley/sdk';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from './session.ts';
import { useStore } from './store.ts';
import { ErrorText, attempt } from './ui.tsx';

/** Profile, notification preferences, password, logging out and deleting the account. */
export function Settings({ session }: { session: Session }) {
  const me = useStore(session.me);
  return (
    <section class="page" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {me != null ? <Profile session={session} profile={me} /> : null}
      <Preferences session={session} />
      <Password session={session} />
      <section aria-labelledby="account-title" class="card">
        <h2 id="account-title">Account</h2>
        <button type="button" onClick={() => void session.logout()}>Log out</button>
        <DeleteAccount session={session} />
      </section>
    </section>
  );
}

function Profile({ session, profile }: { session: Session; profile: OwnProfile }) {
  const [name, setName] = useState(profile.displayName);
  const [about, setAbout] = useState(profile.bio ?? '');
  const [picture, setPicture] = useState(profile.avatarUrl ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form class="card" aria-labelledby="profile-title" onSubmit={(e) => {
      e.preventDefault();
      setSaved(false);
      void attempt(setBusy, setError, async () => {
        await session.client.users.updateProfile({ displayName: name.trim(), bio: about, avatarUrl: picture.trim() });
        session.me.set(await session.client.users.me());
        setSaved(true);
      });
    }}>
      <h2 id="profile-title">Profile</h2>
      <p class="hint">Signed in as {profile.email}</p>
      <label>Display name<input required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <label>About you<textarea maxLength={500} value={about} onInput={(e) => setAbout(e.currentTarget.value)} /></label>
      <label>Picture (a link, for apps that show one)
        <input type="url" maxLength={2048} pattern="https?://\S+" placeholder="https://…" aria-describedby="picture-hint"
               value={picture} onInput={(e) => setPicture(e.currentTarget.value)} />
      </label>
      {/* Loading a picture from another site would tell that site who reads which conversation, and when. */}
      <p id="picture-hint" class="hint">This app shows names, not pictures: it never loads a picture from another site.</p>
      <ErrorText error={error} />
      <p role="status" class="hint">{saved ? 'Saved.' : ''}</p>
      <button type="submit" disabled={busy}>Save profile</button>
    </form>
  );
}

function Preferences({ session }: { session: Session }) {
  // null until the current values are read: the boxes show what is stored, never a guess.
  const [email, setEmail] = useState<boolean | null>(null);
  const [push, setPush] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    session.client.users.notificationPreferences()
      .then((current) => {
        setEmail(current.email);
        setPush(current.push);
      })
      .catch(setError);
  }, []);
  const loaded = email != null && push != null;
  return (
    <form class="card" aria-labelledby="prefs-title" aria-busy={!loaded} onSubmit={(e) => {
      e.preventDefault();
      if (!loaded) return;
      setSaved(false);
      void attempt(setBusy, setError, async () => {
        await session.client.users.setNotificationPreferences({ email, push });
        setSaved(true);
      });
    }}>
      <h2 id="prefs-title">Notifications</h2>
      <label class="inline"><input type="checkbox" disabled={!loaded} checked={email ?? false} onChange={(e) => setEmail(e.currentTarget.checked)} /> Email me (digest of unread messages)</label>
      <label class="inline"><input type="checkbox" disabled={!loaded} checked={push ?? false} onChange={(e) => setPush(e.currentTarget.checked)} /> Push notifications to my devices</label>
      <ErrorText error={error} />
      <p role="status" class="hint">{saved ? 'Saved.' : loaded ? '' : 'Loading your preferences…'}</p>
      <button type="submit" disabled={busy || !loaded}>Save preferences</button>
    </form>
  );
}

function Password({ session }: { session: Session }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form class="card" aria-labelledby="password-title" onSubmit={(e) => {
      e.preventDefault();
      setSaved(false);
      void attempt(setBusy, setError, async () => {
        await session.client.auth.changePassword(current, next);
        setCurrent('');
        setNext('');
        setSaved(true);
      });
    }}>
      <h2 id="password-title">Change password</h2>
      <label>Current password<input type="password" required autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} /></label>
      <label>New password (8 to 128 characters)<input type="password" required minLength={8} maxLength={128} autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      <p role="status" class="hint">{saved ? 'Password changed; your other sessions have ended.' : ''}</p>
      <button type="submit" disabled={busy}>Change password</button>
    </form>
  );
}

function DeleteAccount({ session }: { session: Session }) {
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      void attempt(setBusy, setError, async () => {
        await session.deleteAccount();
      });
    }}>
      <label>Type DELETE to delete your account and erase your personal data
        <input value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} /></label>
      <ErrorText error={error} />
      <button type="submit" class="danger" disabled={busy || confirm !== 'DELETE'}>Delete my account</button>
    </form>
  );
}
