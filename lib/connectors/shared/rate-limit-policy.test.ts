// The rate-limit policies inside a real SDK client's pipeline (its retry policy included), answered by the in-process
// fake ARM: every wait here is milliseconds, so the behaviour is checked without sitting out real Retry-Afters.
import { describe, expect, it } from 'vitest';
import { createResourceGraphClient } from '../defender-vulnerability/client';
import { fetchContainerVulnerabilityPages } from '../defender-vulnerability/fetch';
import { collect, FAKE_ARM, fakeArmSettings, type FakeReply, type FakeRoute } from '../testing/fake-arm';
import type { AzureSettings } from '../types';
import { rateLimitBudgetOf } from './client-options';
import { armListRaw, armUrl } from './raw-arm';

const SUB = '11111111-1111-1111-1111-111111111111';
const PATH = `/subscriptions/${SUB}/providers/Microsoft.Security/assessments`;
const OK: FakeReply = { body: { value: [{ id: 'a' }] } };

/** Answers the replies in order (the last one repeats), counting requests. */
function script(replies: FakeReply[]): FakeRoute & { count: number } {
  const route = Object.assign(
    () => {
      const reply = replies[Math.min(route.count, replies.length - 1)];
      route.count += 1;
      return reply;
    },
    { count: 0 },
  );
  return route;
}

const throttled = (headers: Record<string, string>): FakeReply => ({ status: 429, headers, body: { error: { code: 'TooManyRequests', message: 'throttled' } } });

function list(settings: AzureSettings, signal?: AbortSignal) {
  return collect(armListRaw(createResourceGraphClient(settings), armUrl(FAKE_ARM, PATH, '2020-01-01'), 'assessments', { signal }));
}

describe('rate-limit policies', () => {
  it('rides out more 429s in a row than the SDK retries alone (3), waiting as asked, and counts them', async () => {
    const route = script([...Array.from({ length: 6 }, () => throttled({ 'retry-after-ms': '5' })), OK]);
    const settings = fakeArmSettings([route], [SUB]);
    expect(await list(settings)).toEqual([[{ id: 'a' }]]);
    expect(route.count).toBe(7);
    const stats = rateLimitBudgetOf(settings).stats();
    expect(stats).toMatchObject({ throttled: 6, waitedMs: 30 });
    expect(stats.byQuota[`subscription ${SUB}`]).toMatchObject({ throttled: 6, waitedMs: 30 });
  });

  it('honours Resource Graph’s x-ms-user-quota-resets-after on a 429 that has no Retry-After', async () => {
    const route = script([throttled({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:00.040' }), { body: { data: [{ id: 'r' }] } }]);
    const settings = fakeArmSettings([route], [SUB]);
    expect(await collect(fetchContainerVulnerabilityPages(settings))).toEqual([[{ id: 'r' }]]);
    expect(rateLimitBudgetOf(settings).stats().byQuota['Resource Graph']).toMatchObject({ throttled: 1 });
  });

  it('backs off (1 s) on a 429 that names no wait at all instead of failing', async () => {
    const route = script([throttled({}), OK]);
    const settings = fakeArmSettings([route], [SUB]);
    const started = Date.now();
    expect(await list(settings)).toEqual([[{ id: 'a' }]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(rateLimitBudgetOf(settings).stats()).toMatchObject({ throttled: 1, waitedMs: 1000 });
  });

  it('fails at once, clearly, when Azure asks for a wait past the bound', async () => {
    const route = script([throttled({ 'retry-after': '3600' })]);
    const started = Date.now();
    await expect(list(fakeArmSettings([route], [SUB]))).rejects.toThrow(
      `Azure kept throttling subscription ${SUB} (HTTP 429): GET ${PATH} would wait 3600 s in total, over the 300 s limit`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(route.count).toBe(1);
  });

  it('bounds the total wait of one request across all its retries', async () => {
    const route = script([throttled({ 'retry-after-ms': '40' })]);
    const settings = { ...fakeArmSettings([route], [SUB]), maxThrottleWaitMs: 200 };
    await expect(list(settings)).rejects.toThrow(`GET ${PATH} would wait 240 ms in total, over the 200 ms limit`);
    // 40 ms a time within 200 ms: five waits, the sixth refused.
    expect(route.count).toBe(6);
  });

  it('stops waiting when the sync is cancelled', async () => {
    const route = script([throttled({ 'retry-after': '30' })]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(list(fakeArmSettings([route], [SUB]), controller.signal)).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(route.count).toBe(1);
  });

  it('pauses the next request on a quota until the window Resource Graph names resets', async () => {
    const route = script([
      { headers: { 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:00.300' }, body: { data: [{ id: 'p1' }], $skipToken: 't' } },
      { body: { data: [{ id: 'p2' }] } },
    ]);
    const settings = fakeArmSettings([route], [SUB]);
    const started = Date.now();
    expect(await collect(fetchContainerVulnerabilityPages(settings))).toEqual([[{ id: 'p1' }], [{ id: 'p2' }]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(rateLimitBudgetOf(settings).stats()).toMatchObject({ throttled: 0, paused: 1 });
  });
});
