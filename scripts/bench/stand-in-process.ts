// The benchmark's Azure stand-in in a process of its own. In the benchmark's process it generated and served the
// whole tenant from the same event loop and heap as the sync, so the sync's peak RSS and paging speed were the
// stand-in's as much as its own. Here it runs beside it, like Azure: the parent forks this file, reads `ready`
// (address and subscriptions), asks for `stats` and sends `stop`. It exits when the parent goes away.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startArmStandIn } from '../../lib/demo/arm-stand-in';
import { generateTenant } from '../../lib/demo/generate-tenant';
import { parseFaultSpec } from '../../lib/demo/stand-in-faults';
import { ensureDevCertificate } from '../../lib/demo/tls';
import type { StandInReply, StandInRequest } from './stand-in-child';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string' },
    seed: { type: 'string', default: '1' },
    faults: { type: 'string' },
    'tls-dir': { type: 'string', default: '.data/tls' },
  },
});
const send = (message: StandInReply) => process.send?.(message);
const clusters = Number(values.clusters);
if (!process.send) throw new Error('stand-in-process.ts is started by the benchmark (child_process.fork), not on its own.');
if (!Number.isInteger(clusters) || clusters < 1) throw new Error(`--clusters must be a positive integer (got ${values.clusters ?? 'nothing'}).`);

const certificate = await ensureDevCertificate(path.resolve(values['tls-dir']));
const started = performance.now();
const tenant = generateTenant({ seed: Number(values.seed), clusters, now: new Date() });
const generatedMs = performance.now() - started;
const mix = values.faults ? parseFaultSpec(values.faults) : undefined;
const standIn = await startArmStandIn({ tenant, port: 0, tls: { key: certificate.key, cert: certificate.cert }, faults: mix ? { mix } : undefined });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

process.on('message', (message: StandInRequest) => {
  if (message.type === 'stats') send({ type: 'stats', requests: standIn.requestCount(), injectedFaults: standIn.injectedFaults(), peakRss });
  if (message.type === 'stop') {
    clearInterval(sampler);
    void standIn.stop().then(() => process.exit(0));
  }
});
// The benchmark ended or died: do not keep serving.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', url: standIn.url, subscriptionIds: tenant.subscriptions.map((s) => s.subscriptionId), generatedMs });
