// Who gets a digest, from settings: the estate (DIGEST_ESTATE_WEBHOOK_URL) and each team in DIGEST_TEAMS_WEBHOOK_URLS.
import type { Env } from '../env';
import { audienceKey, type DigestAudience } from './digest-model';

type DigestEnv = Pick<Env, 'DIGEST_ESTATE_WEBHOOK_URL' | 'DIGEST_TEAMS_WEBHOOK_URLS'>;

export function configuredAudiences(env: DigestEnv): DigestAudience[] {
  return [
    ...(env.DIGEST_ESTATE_WEBHOOK_URL ? [{ kind: 'estate' as const }] : []),
    ...Object.keys(env.DIGEST_TEAMS_WEBHOOK_URLS ?? {}).sort().map((team) => ({ kind: 'team' as const, team })),
  ];
}

/** The webhook of an audience key ('estate' or 'team:<name>'), or undefined. */
export function webhookFor(env: DigestEnv): (key: string) => string | undefined {
  return (key) => {
    if (key === audienceKey({ kind: 'estate' })) return env.DIGEST_ESTATE_WEBHOOK_URL;
    const team = key.startsWith('team:') ? key.slice('team:'.length) : null;
    return team === null ? undefined : Object.entries(env.DIGEST_TEAMS_WEBHOOK_URLS ?? {}).find(([t]) => t === team)?.[1];
  };
}

export function digestBaseUrl(env: Pick<Env, 'DIGEST_BASE_URL' | 'AUTH_URL' | 'PORT'>): string {
  return env.DIGEST_BASE_URL ?? env.AUTH_URL ?? `http://localhost:${env.PORT}`;
}
