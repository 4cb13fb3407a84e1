import { describe, expect, it } from 'vitest';
import { scriptedClient as client } from '../scripted.js';

describe('attachments', () => {
  it('uploads the file as the raw body with its name, and answers the attachment', async () => {
    const attachment = { attachmentId: 'f1', name: 'cat.png', contentType: 'image/png', size: 3, width: 1, height: 1, thumbnail: true };
    const { parley, seen } = await client(() => Response.json(attachment, { status: 201 }));
    const file = new Blob([new Uint8Array([1, 2, 3])]);

    const uploaded = await parley.attachments.upload('c1', file, 'cat.png');

    const upload = seen.at(-1)!;
    expect(uploaded).toEqual(attachment);
    expect(upload.method).toBe('POST');
    expect(upload.url).toBe('http://parley.test/api/v1/conversations/c1/attachments?name=cat.png');
    expect(upload.headers['Content-Type']).toBe('application/octet-stream');
    expect(upload.headers.Authorization).toBe('Bearer a');
    expect(upload.body).toBe(file);
  });

  it('downloads an attachment and its thumbnail as blobs, with the token', async () => {
    const { parley, seen } = await client(() => new Response(new Uint8Array([7, 8, 9]), { status: 200 }));

    const file = await parley.attachments.download('f1');
    const thumbnail = await parley.attachments.thumbnail('f1');

    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([7, 8, 9]));
    expect(thumbnail.size).toBe(3);
    expect(seen.slice(-2).map((s) => s.url)).toEqual([
      'http://parley.test/api/v1/attachments/f1', 'http://parley.test/api/v1/attachments/f1/thumbnail']);
  });
});
