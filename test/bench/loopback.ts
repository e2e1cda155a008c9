/** The bench only ever talks to this machine: a URL elsewhere is refused before a request goes out. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function assertLoopback(url: string): string {
  const { hostname } = new URL(url);
  if (!LOOPBACK_HOSTS.has(hostname)) throw new Error(`the bench talks to 127.0.0.1 only, not ${url}`);
  return url;
}
