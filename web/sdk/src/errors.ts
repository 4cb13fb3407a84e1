/** An RFC 9457 problem detail as Parley sends it, with its stable `code`. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  /** Field → message, for `VALIDATION_FAILED`. */
  errors?: Record<string, string>;
}

/** A request Parley answered with an error status. Branch on `code` (an `ErrorCode` name), not on text. */
export class ParleyError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  /** From `Retry-After`, when the answer had one. */
  readonly retryAfterMs: number | undefined;

  constructor(problem: Problem, retryAfterMs?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ParleyError';
    this.status = problem.status;
    this.code = problem.code ?? `HTTP_${problem.status}`;
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
  }

  get fieldErrors(): Record<string, string> {
    return this.problem.errors ?? {};
  }
}

/** The request never got an answer (offline, connection refused, aborted). Safe to retry idempotent calls. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** The login session ended (logout, refresh token rejected or reused, revoked): log in again. */
export class SessionEndedError extends Error {
  constructor(message = 'The session ended: log in again') {
    super(message);
    this.name = 'SessionEndedError';
  }
}

/** Reads `Retry-After` (delta seconds or an HTTP date) as milliseconds from now. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
