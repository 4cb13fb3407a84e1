import { describe, expect, it } from 'vitest';
import { scriptedClient } from '../scripted.js';

describe('admin', () => {
  it('moderates users, messages and conversations on the routes of the contract', async () => {
    const { parley, seen } = await scriptedClient(() => new Response(null, { status: 204 }));

    await parley.admin.deactivateUser('u 2');
    await parley.admin.reactivateUser('u2');
    await parley.admin.removeMessage('c1', 'm/1');
    await parley.admin.archiveConversation('c1');

    expect(seen.slice(1).map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST http://parley.test/api/v1/admin/users/u%202/deactivate',
      'POST http://parley.test/api/v1/admin/users/u2/reactivate',
      'DELETE http://parley.test/api/v1/admin/conversations/c1/messages/m%2F1',
      'POST http://parley.test/api/v1/admin/conversations/c1/archive',
    ]);
    expect(seen.slice(1).every((s) => s.headers.Authorization === 'Bearer a')).toBe(true);
  });

  it('reads the audit log with its filters, and starts a rebuild of everything', async () => {
    const entry = {
      eventId: 'e1', at: '2026-12-06T10:00:00Z', position: 42, action: 'CONVERSATION_ARCHIVED', actorId: 'u1', userId: null,
      conversationId: 'c1', messageId: null, seq: null, role: null,
    };
    const rebuilds = { rebuilds: [{ rebuildId: 'r1', processor: 'projections', projections: ['message-view'], state: 'RUNNING' }] };
    const { parley, seen } = await scriptedClient((request) => request.method === 'GET'
      ? Response.json({ items: [entry] }) : Response.json(rebuilds, { status: 202 }));

    const audit = await parley.admin.audit({ actor: 'u1', conversationId: 'c1', from: '2026-12-06T00:00:00Z', limit: 10 });
    const started = await parley.admin.rebuildAll();

    expect(audit.items).toEqual([entry]);
    expect(started).toEqual(rebuilds);
    const [read, rebuild] = seen.slice(1);
    const url = new URL(read!.url);
    expect(url.pathname).toBe('/api/v1/admin/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({ actor: 'u1', conversationId: 'c1', from: '2026-12-06T00:00:00Z', limit: '10' });
    expect(`${rebuild!.method} ${rebuild!.url}`).toBe('POST http://parley.test/api/v1/admin/projections/rebuild');
  });
});
