// Where the dashboard listens. The demo defaults sign people in with well-known passwords, so unless told
// otherwise (HOST) a demo listens on loopback only; azure mode keeps Next's default (every interface) or HOST.
import type { Env } from '../env';

export const LOOPBACK = '127.0.0.1';

/** The `-H` of `next start`, or undefined for Next's default. */
export function listenHost(env: Pick<Env, 'HOST' | 'POSTURE_MODE'>): string | undefined {
  if (env.HOST) return env.HOST;
  return env.POSTURE_MODE === 'demo' ? LOOPBACK : undefined;
}
