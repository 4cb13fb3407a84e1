import { useEffect, useState } from 'preact/hooks';

/** Hash routes: the page is one file, so any link works without server-side routes (and tokens stay out of logs). */
export type Route =
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'forgot' }
  | { name: 'reset'; token: string }
  | { name: 'home' }
  /** `seq`: a message to scroll to and highlight (a search hit). */
  | { name: 'conversation'; id: string; seq?: number }
  | { name: 'contacts' }
  | { name: 'search' }
  | { name: 'settings' };

export function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter((p) => p !== '');
  switch (parts[0]) {
    case 'login': return { name: 'login' };
    case 'signup': return { name: 'signup' };
    case 'forgot': return { name: 'forgot' };
    case 'reset-password': return { name: 'reset', token: params.get('token') ?? '' };
    case 'c': {
      if (parts[1] == null) return { name: 'home' };
      const seq = Number(params.get('seq'));
      return Number.isSafeInteger(seq) && seq > 0
        ? { name: 'conversation', id: decodeURIComponent(parts[1]), seq }
        : { name: 'conversation', id: decodeURIComponent(parts[1]) };
    }
    case 'contacts': return { name: 'contacts' };
    case 'search': return { name: 'search' };
    case 'settings': return { name: 'settings' };
    default: return { name: 'home' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'conversation': return `#/c/${encodeURIComponent(route.id)}${route.seq != null ? `?seq=${route.seq}` : ''}`;
    case 'reset': return `#/reset-password?token=${encodeURIComponent(route.token)}`;
    case 'home': return '#/';
    default: return `#/${route.name}`;
  }
}

export function go(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parse(location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
