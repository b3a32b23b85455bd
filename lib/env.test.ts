import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('needs no configuration: demo mode, embedded database, port 3000', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ POSTURE_MODE: 'demo', PORT: 3000, DATA_DIR: '.data', SYNC_INTERVAL_MINUTES: 60 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('switches to azure mode when subscriptions are configured', () => {
    const env = parseEnv({ AZURE_SUBSCRIPTION_IDS: '20ff7fc3-e762-44dd-bd96-b71116dcdc23, 0980887d-03d6-408c-9566-532f3456804e' });
    expect(env.POSTURE_MODE).toBe('azure');
    expect(env.AZURE_SUBSCRIPTION_IDS).toHaveLength(2);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /PORT .*got "eighty"/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /DATABASE_URL .*value hidden/],
    [{ AZURE_SUBSCRIPTION_IDS: 'not-a-guid' }, 'AZURE_SUBSCRIPTION_IDS', /GUID/],
    [{ POSTURE_MODE: 'azure' }, 'AZURE_SUBSCRIPTION_IDS', /required when POSTURE_MODE=azure/],
    // An insecure endpoint is the input under test: it must be refused.
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url
    [{ AZURE_ARM_ENDPOINT: 'http://management.azure.com' }, 'AZURE_ARM_ENDPOINT', /AZURE_ARM_ENDPOINT/],
    [{ SYNC_ON_START: 'maybe' }, 'SYNC_ON_START', /SYNC_ON_START/],
    [{ STAND_IN_FAULTS: '429:0.05,404:0.1' }, 'STAND_IN_FAULTS', /unknown entry "404"/],
  ])('refuses %o naming %s in one line', (source, variable, message) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).variable).toBe(variable);
    expect((error as EnvError).message).toMatch(message);
    expect((error as EnvError).message).not.toContain('\n');
  });

  it('reads STAND_IN_FAULTS into the stand-in’s fault mix', () => {
    expect(parseEnv({ STAND_IN_FAULTS: '429:0.05,retry-after:2,seed:9' }).STAND_IN_FAULTS).toEqual({ rates: { '429': 0.05 }, seed: 9, retryAfterSeconds: 2, slowMs: 2000 });
    expect(parseEnv({}).STAND_IN_FAULTS).toBeUndefined();
  });

  it('never echoes a secret or a connection string', () => {
    expect(() => parseEnv({ DATABASE_URL: 'postgres://user:hunter2@/' })).toThrow(/value hidden/);
    try {
      // A wrong scheme is the input under test: it must be refused.
      // eslint-disable-next-line @microsoft/sdl/no-insecure-url
      parseEnv({ DATABASE_URL: 'ftp://user:hunter2@host/db' });
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });

  it('every variable is documented in the README configuration table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const undocumented = ENV_VARIABLES.filter((v) => v !== 'NODE_ENV' && !readme.includes(`| \`${v}\``));
    expect(undocumented).toEqual([]);
  });
});
