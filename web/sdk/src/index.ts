export { ParleyClient } from './client.js';
export { Transport, type TransportOptions, type Request } from './http.js';
export { ParleyError, NetworkError, SessionEndedError, parseRetryAfter, type Problem } from './errors.js';
export {
  ParleyLive, backoffDelay, type ConnectionState, type ConnectionStatus, type ConversationWatch, type LiveOptions,
  type WatchHandlers,
} from './live.js';
export { Outbox, newClientMessageId, type OutboxItem, type OutboxOptions, type OutboxStorage } from './outbox.js';
export * from './types.js';
