import { NetworkError, ParleyError, SessionEndedError, parseRetryAfter, type Problem } from './errors.js';
import type { Tokens } from './types.js';

export interface TransportOptions {
  /** Where the gateway is, e.g. `https://chat.example.org`; empty for the page's own origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Refresh the access token this long before it expires (default 60 s). */
  refreshMarginMs?: number;
  /** How many times a 429 or 503 is retried after its `Retry-After` (default 3). */
  maxRetries?: number;
  /** The longest `Retry-After` waited for; a longer one fails at once (default 30 s). */
  maxRetryAfterMs?: number;
  /** Called whenever the tokens change (login, refresh) or end (null): keep the refresh token where you choose. */
  onTokens?: (tokens: Tokens | null) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A raw body (a file), sent as application/octet-stream instead of JSON. */
  raw?: Blob;
  /** Answer the body as a Blob (a download) instead of JSON. */
  binary?: boolean;
  /** Send the access token (default true). */
  auth?: boolean;
}

interface Session {
  tokens: Tokens;
  expiresAt: number;
}

/**
 * HTTP to Parley: bearer tokens refreshed before they expire and once on a 401 (one refresh in flight for all
 * callers), problem details thrown as {@link ParleyError}, `Retry-After` honoured on 429 and 503, and the newest
 * `X-Position` of this client's writes sent back as `X-Min-Position` on reads, so it always reads its own writes.
 */
export class Transport {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly refreshMarginMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;
  private readonly onTokens: (tokens: Tokens | null) => void;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private session: Session | null = null;
  private refreshing: Promise<Session> | null = null;
  private position: bigint | null = null;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
    this.onTokens = options.onTokens ?? (() => {});
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get userId(): string | null {
    return this.session?.tokens.userId ?? null;
  }

  get refreshToken(): string | null {
    return this.session?.tokens.refreshToken ?? null;
  }

  /** The highest `X-Position` this client has seen from its writes, for `X-Min-Position`. */
  get minPosition(): string | null {
    return this.position == null ? null : this.position.toString();
  }

  url(path: string): string {
    return this.baseUrl + path;
  }

  setTokens(tokens: Tokens | null): void {
    this.session = tokens == null ? null : { tokens, expiresAt: this.now() + tokens.expiresIn * 1000 };
    this.onTokens(tokens);
  }

  /** Starts from a refresh token kept by the app (e.g. after a page reload). */
  async resume(refreshToken: string): Promise<Tokens> {
    const session = await this.refreshWith(refreshToken);
    return session.tokens;
  }

  /** Refreshes the access token now, e.g. after a socket was refused with `INVALID_TOKEN`. */
  async refreshNow(): Promise<void> {
    const session = this.session;
    if (session == null) throw new SessionEndedError('Not logged in');
    await this.refresh(session);
  }

  /** A valid access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const session = this.session;
    if (session == null) throw new SessionEndedError('Not logged in');
    if (this.now() >= session.expiresAt - this.refreshMarginMs) {
      return (await this.refresh(session)).tokens.accessToken;
    }
    return session.tokens.accessToken;
  }

  /** Refreshes once for everyone who saw `stale`; callers that come later get the new session. */
  private refresh(stale: Session): Promise<Session> {
    if (this.session !== stale && this.session != null) return Promise.resolve(this.session);
    if (this.refreshing == null) {
      this.refreshing = this.refreshWith(stale.tokens.refreshToken).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async refreshWith(refreshToken: string): Promise<Session> {
    let tokens: Tokens;
    try {
      tokens = await this.send<Tokens>({ method: 'POST', path: '/api/v1/auth/refresh', body: { refreshToken }, auth: false });
    } catch (error) {
      if (error instanceof ParleyError && (error.status === 401 || error.status === 400)) {
        this.setTokens(null);
        throw new SessionEndedError();
      }
      throw error;
    }
    this.setTokens(tokens);
    return this.session!;
  }

  /** Notes a write's position so later reads wait for it. */
  notePosition(header: string | null): void {
    if (header == null || !/^\d+$/.test(header)) return;
    const value = BigInt(header);
    if (this.position == null || value > this.position) this.position = value;
  }

  async send<T>(request: Request): Promise<T> {
    const auth = request.auth ?? true;
    let session = auth ? this.session : null;
    if (auth && session == null) throw new SessionEndedError('Not logged in');
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      if (session != null && this.now() >= session.expiresAt - this.refreshMarginMs) {
        session = await this.refresh(session);
      }
      const response = await this.fetchOnce(request, session?.tokens.accessToken);
      if (response.ok) {
        if (request.method !== 'GET') this.notePosition(response.headers.get('X-Position'));
        if (response.status === 204) return undefined as T;
        if (request.binary === true) return (await response.blob()) as T;
        const text = await response.text();
        return (text === '' ? undefined : JSON.parse(text)) as T;
      }
      const error = await toError(response, this.now());
      if (response.status === 401 && session != null && !refreshed) {
        refreshed = true;
        session = await this.refresh(session);
        continue;
      }
      if ((response.status === 429 || response.status === 503) && attempt < this.maxRetries) {
        const wait = error.retryAfterMs ?? 1000 * 2 ** attempt;
        if (wait <= this.maxRetryAfterMs) {
          await this.sleep(wait);
          continue;
        }
      }
      if (response.status === 401 && auth) {
        this.setTokens(null);
        throw new SessionEndedError(error.message);
      }
      throw error;
    }
  }

  private async fetchOnce(request: Request, accessToken: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (request.raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
    if (accessToken != null) headers.Authorization = `Bearer ${accessToken}`;
    if (request.method === 'GET' && this.position != null) headers['X-Min-Position'] = this.position.toString();
    try {
      return await this.fetchFn(this.url(request.path) + queryString(request.query), {
        method: request.method,
        headers,
        body: request.raw ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
      });
    } catch (cause) {
      throw new NetworkError(`${request.method} ${request.path} got no answer`, { cause });
    }
  }
}

function queryString(query: Request['query']): string {
  if (query == null) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

async function toError(response: Response, now: number): Promise<ParleyError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  try {
    const text = await response.text();
    if (text !== '') {
      const parsed = JSON.parse(text) as Partial<Problem>;
      problem = { ...parsed, status: parsed.status ?? response.status };
    }
  } catch {
    // Not JSON (a proxy's error page): the status is all there is.
  }
  return new ParleyError(problem, parseRetryAfter(response.headers.get('Retry-After'), now));
}
