import { NetworkError, ParleyError } from '@parley/sdk';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Codes whose Parley detail is written for developers; people get these instead. */
const EXPLAINED: Record<string, string> = {
  USER_DEACTIVATED: 'This account has been deactivated by an administrator, so you cannot log in. Ask an administrator to reactivate it.',
  CONVERSATION_ARCHIVED: 'An administrator archived this conversation: it can be read, but not changed.',
};

export function describe(error: unknown): string {
  if (error instanceof ParleyError) {
    const explained = EXPLAINED[error.code];
    if (explained != null) return explained;
    const fields = Object.entries(error.fieldErrors).map(([field, message]) => `${field}: ${message}`);
    return fields.length > 0 ? fields.join('; ') : error.message;
  }
  if (error instanceof NetworkError) return 'No connection to Parley. Try again when you are online.';
  return error instanceof Error ? error.message : String(error);
}

export function ErrorText({ error }: { error: unknown }) {
  if (error == null) return null;
  return <p class="error" role="alert">{describe(error)}</p>;
}

export function PresenceDot({ online, label }: { online: boolean; label: string }) {
  return <span class={online ? 'dot online' : 'dot'} role="img" aria-label={`${label} is ${online ? 'online' : 'offline'}`} />;
}

/** A modal dialog (the native element: focus trapping, Escape and the top layer come with it). */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const close = () => props.onClose();
    dialog.addEventListener('close', close);
    return () => dialog.removeEventListener('close', close);
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title">
      <div class="dialog-head">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={() => ref.current?.close()}>✕</button>
      </div>
      {props.children}
    </dialog>
  );
}

/** Runs an async action, keeping its error and whether it is running, for forms and buttons. */
export async function attempt(setBusy: (busy: boolean) => void, setError: (error: unknown) => void, action: () => Promise<unknown>): Promise<boolean> {
  setBusy(true);
  setError(null);
  try {
    await action();
    return true;
  } catch (error) {
    setError(error);
    return false;
  } finally {
    setBusy(false);
  }
}
