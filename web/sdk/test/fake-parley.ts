import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { Message } from '../src/types.js';

interface Frame {
  command: string;
  headers: Record<string, string>;
  body: string;
}

interface Subscription {
  id: string;
  destination: string;
}

interface Session {
  socket: WebSocket;
  userId: string;
  subscriptions: Subscription[];
}

interface Failure {
  method: string;
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface FakeConversation {
  members: string[];
  messages: Message[];
  byClientId: Map<string, { messageId: string; seq: number }>;
}

/**
 * A small stand-in for Parley (HTTP and STOMP over WebSocket on one port) with the behaviour the SDK relies on:
 * rotating refresh tokens, problem details, X-Position, idempotent send, since-seq backlogs, the user queue.
 * Tests steer it: expire tokens, queue failures, drop sockets, replay an overlap on resubscribe.
 */
export class FakeParley {
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers']; body: unknown }[] = [];
  readonly subscribeFrames: Frame[] = [];
  readonly connectFrames: Frame[] = [];
  /** Extra messages at or below since-seq sent again on SUBSCRIBE (a server may overlap; clients drop them). */
  overlap = 0;
  /** Seconds an access token lives. */
  tokenTtl = 900;
  refusingSockets = false;
  private readonly server: Server;
  private readonly sockets: WebSocketServer;
  private readonly users = new Map<string, { userId: string; password: string; displayName: string }>();
  private readonly access = new Map<string, string>();
  private readonly refresh = new Map<string, string>();
  private readonly conversations = new Map<string, FakeConversation>();
  private readonly sessions = new Set<Session>();
  private readonly failures: Failure[] = [];
  private counter = 0;
  private position = 100;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.sockets = new WebSocketServer({ server: this.server, path: '/ws' });
    this.sockets.on('connection', (socket) => this.accept(socket));
  }

  static async start(): Promise<FakeParley> {
    const fake = new FakeParley();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.socket.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every access token stops working (as after a key rotation or expiry). */
  invalidateAccessTokens(): void {
    this.access.clear();
  }

  failNext(failure: Failure): void {
    this.failures.push(failure);
  }

  dropSockets(): void {
    for (const session of this.sessions) session.socket.terminate();
    this.sessions.clear();
  }

  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path === path).length;
  }

  messagesOf(conversationId: string): Message[] {
    return this.conversations.get(conversationId)?.messages ?? [];
  }

  /** Ends a user's login sessions as Parley does: `session.revoked` on their sockets, then the sockets close. */
  revoke(userId: string, reason: string): void {
    for (const session of [...this.sessions]) {
      if (session.userId !== userId) continue;
      this.deliver(session, '/user/queue/events', { type: 'session.revoked', reason });
      session.socket.close(1008);
    }
  }

  /** Appends a message as if another member sent it. */
  post(conversationId: string, senderId: string, text: string): Message {
    const conversation = this.conversations.get(conversationId)!;
    const message: Message = {
      messageId: `m${++this.counter}`, conversationId, seq: conversation.messages.length + 1, senderId, text,
      createdAt: new Date().toISOString(), editedAt: null, deleted: false, replyToMessageId: null, mentions: [],
      reactions: {}, attachments: [],
    };
    conversation.messages.push(message);
    this.position++;
    for (const session of this.sessions) {
      if (!conversation.members.includes(session.userId)) continue;
      this.deliver(session, `/topic/conversations/${conversationId}/messages`, { type: 'message.created', message });
      this.deliver(session, '/user/queue/events', {
        type: 'message.created', conversationId, message, unreadCount: 1,
      });
    }
    return message;
  }

  // ---- HTTP ----------------------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.baseUrl);
    const method = req.method!;
    const path = url.pathname;
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw === '' ? undefined : JSON.parse(raw);
    this.requests.push({ method, path, headers: req.headers, body });

    const failure = this.failures.findIndex((f) => f.method === method && f.path === path);
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      return this.reply(res, f!.status, f!.body ?? problem(f!.status, 'INJECTED'), f!.headers);
    }
    if (method === 'POST' && path === '/api/v1/auth/register') {
      if ([...this.users.keys()].includes(body.email)) return this.reply(res, 409, problem(409, 'EMAIL_TAKEN'));
      const userId = `u${++this.counter}`;
      this.users.set(body.email, { userId, password: body.password, displayName: body.displayName });
      return this.reply(res, 201, { userId });
    }
    if (method === 'POST' && path === '/api/v1/auth/login') {
      const user = this.users.get(body.email);
      if (user == null || user.password !== body.password) return this.reply(res, 401, problem(401, 'INVALID_CREDENTIALS'));
      return this.reply(res, 200, this.issue(user.userId));
    }
    if (method === 'POST' && path === '/api/v1/auth/refresh') {
      const userId = this.refresh.get(body.refreshToken);
      if (userId == null) return this.reply(res, 401, problem(401, 'INVALID_REFRESH_TOKEN'));
      this.refresh.delete(body.refreshToken);
      return this.reply(res, 200, this.issue(userId));
    }
    const userId = this.access.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (userId == null) return this.reply(res, 401, problem(401, 'INVALID_TOKEN'));

    if (method === 'GET' && path === '/api/v1/users/me') {
      const [email, user] = [...this.users.entries()].find(([, u]) => u.userId === userId)!;
      return this.reply(res, 200, { userId, email, displayName: user.displayName, bio: null, avatarUrl: null, createdAt: '2026-01-01T00:00:00Z' });
    }
    if (method === 'POST' && path === '/api/v1/conversations/groups') {
      if (typeof body.name !== 'string' || body.name.trim() === '') {
        return this.reply(res, 400, { ...problem(400, 'VALIDATION_FAILED'), errors: { name: 'must not be blank' } });
      }
      const conversationId = `c${++this.counter}`;
      this.conversations.set(conversationId, { members: [userId, ...body.memberIds], messages: [], byClientId: new Map() });
      return this.reply(res, 201, { conversationId }, { 'X-Position': String(++this.position) });
    }
    const messages = path.match(/^\/api\/v1\/conversations\/([^/]+)\/messages$/);
    const conversation = messages == null ? undefined : this.conversations.get(messages[1]!);
    if (messages != null && (conversation == null || !conversation.members.includes(userId))) {
      return this.reply(res, 404, problem(404, 'CONVERSATION_NOT_FOUND'));
    }
    if (method === 'POST' && conversation != null) {
      const earlier = conversation.byClientId.get(`${userId}/${body.clientMessageId}`);
      if (earlier != null) return this.reply(res, 200, earlier);
      const message = this.post(messages![1]!, userId, body.text);
      const sent = { messageId: message.messageId, seq: message.seq };
      conversation.byClientId.set(`${userId}/${body.clientMessageId}`, sent);
      return this.reply(res, 201, sent, { 'X-Position': String(this.position) });
    }
    if (method === 'GET' && conversation != null) {
      const afterSeq = Number(url.searchParams.get('afterSeq') ?? 0);
      return this.reply(res, 200, { items: conversation.messages.filter((m) => m.seq > afterSeq), nextCursor: null });
    }
    return this.reply(res, 404, problem(404, 'NOT_FOUND'));
  }

  private issue(userId: string) {
    const accessToken = `a${++this.counter}`;
    const refreshToken = `r${++this.counter}`;
    this.access.set(accessToken, userId);
    this.refresh.set(refreshToken, userId);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.tokenTtl, userId };
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const problemJson = status >= 400;
    res.writeHead(status, { 'Content-Type': problemJson ? 'application/problem+json' : 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  // ---- STOMP ---------------------------------------------------------------------------------------------------

  private accept(socket: WebSocket): void {
    if (this.refusingSockets) {
      socket.terminate();
      return;
    }
    let session: Session | null = null;
    socket.on('message', (data) => {
      for (const frame of parseFrames(data.toString())) {
        if (frame.command === 'CONNECT' || frame.command === 'STOMP') {
          this.connectFrames.push(frame);
          const userId = this.access.get((frame.headers.Authorization ?? '').replace(/^Bearer /, ''));
          if (userId == null) {
            socket.send(frameText('ERROR', { message: 'INVALID_TOKEN' }, '{"type":"error","code":"INVALID_TOKEN"}'));
            socket.close();
            return;
          }
          session = { socket, userId, subscriptions: [] };
          this.sessions.add(session);
          socket.send(frameText('CONNECTED', { version: '1.2', 'heart-beat': '0,0' }, ''));
        } else if (frame.command === 'SUBSCRIBE' && session != null) {
          this.subscribeFrames.push(frame);
          session.subscriptions.push({ id: frame.headers.id!, destination: frame.headers.destination! });
          const match = frame.headers.destination!.match(/^\/topic\/conversations\/([^/]+)\/messages$/);
          if (match != null) {
            const since = Math.max(0, Number(frame.headers['since-seq'] ?? 0) - this.overlap);
            for (const message of this.messagesOf(match[1]!).filter((m) => m.seq > since)) {
              this.deliver(session, frame.headers.destination!, { type: 'message.created', message });
            }
          }
        } else if (frame.command === 'UNSUBSCRIBE' && session != null) {
          session.subscriptions = session.subscriptions.filter((s) => s.id !== frame.headers.id);
        } else if (frame.command === 'SEND' && session != null) {
          const match = frame.headers.destination!.match(/^\/app\/conversations\/([^/]+)\/typing$/);
          if (match == null) continue;
          const event = { type: 'typing', conversationId: match[1], userId: session.userId, typing: JSON.parse(frame.body).typing };
          for (const other of this.sessions) {
            if (other.userId !== session.userId) this.deliver(other, `/topic/conversations/${match[1]}/typing`, event);
          }
        } else if (frame.command === 'DISCONNECT') {
          socket.close();
        }
      }
    });
    socket.on('close', () => {
      if (session != null) this.sessions.delete(session);
    });
  }

  private deliver(session: Session, destination: string, body: unknown): void {
    for (const subscription of session.subscriptions.filter((s) => s.destination === destination)) {
      session.socket.send(frameText('MESSAGE', {
        subscription: subscription.id, 'message-id': String(++this.counter), destination,
        'content-type': 'application/json',
      }, JSON.stringify(body)));
    }
  }
}

function problem(status: number, code: string) {
  return { type: 'about:blank', title: 'Error', status, detail: `${code} (fake)`, code };
}

function frameText(command: string, headers: Record<string, string>, body: string): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}:${v}`);
  return `${command}\n${lines.join('\n')}\n\n${body}\0`;
}

function parseFrames(data: string): Frame[] {
  return data.split('\0').map((chunk) => chunk.replace(/^\n+/, '')).filter((chunk) => chunk !== '').map((chunk) => {
    const split = chunk.indexOf('\n\n');
    const head = split < 0 ? chunk : chunk.slice(0, split);
    const [command, ...lines] = head.split('\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0 && !(line.slice(0, colon) in headers)) headers[line.slice(0, colon)] = line.slice(colon + 1);
    }
    return { command: command!, headers, body: split < 0 ? '' : chunk.slice(split + 2) };
  });
}
