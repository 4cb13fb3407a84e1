import { ParleyClient } from '../src/index.js';

export interface Seen { url: string; method: string; headers: Record<string, string>; body: unknown }

/** A client logged in as `u1` whose fetch answers from a script and records what was sent. */
export async function scriptedClient(answer: (request: Seen) => Response) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = { url: String(input), method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body };
    seen.push(request);
    if (request.url.endsWith('/auth/login')) {
      return Response.json({ accessToken: 'a', refreshToken: 'r', tokenType: 'Bearer', expiresIn: 900, userId: 'u1' });
    }
    return answer(request);
  };
  const parley = new ParleyClient({ baseUrl: 'http://parley.test', fetch });
  await parley.auth.login('ada@example.org', 'correct horse');
  return { parley, seen };
}
