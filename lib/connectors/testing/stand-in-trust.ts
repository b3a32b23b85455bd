// Test support: trust the demo stand-in's self-signed certificate through a per-call policy (request.agent), so
// tests that drive the real SDK clients against it run without NODE_EXTRA_CA_CERTS.
import { Agent } from 'node:https';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export function trustStandInPolicy(cert: string): PipelinePolicy {
  const agent = new Agent({ ca: cert, keepAlive: false });
  return {
    name: 'trustStandInCertificate',
    sendRequest(request, next) {
      request.agent = agent;
      return next(request);
    },
  };
}
