// Writes triage changes back to a Microsoft Sentinel incident at api-version 2025-09-01, as the SDK's incidents
// createOrUpdate and incidentComments createOrUpdate do: the incident is read, our fields (status, classification
// and reason, owner) laid over its properties, and PUT back with its etag — a PUT replaces the incident, so
// sending only our fields would wipe the rest, and the etag turns a concurrent edit in Sentinel into a 409 instead
// of a lost update. Comments are PUT under a new id. Through the official SecurityInsights client's pipeline with
// the SDK's own retries off: the outbox is the one retry layer.
import { SecurityInsights } from '@azure/arm-securityinsight';
import { createPipelineRequest, type HttpMethods, type PipelineResponse } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { httpFailure } from '../../outbox/http-failure';
import type { OutboxChannel } from '../../outbox/types';
import { subscriptionIdOf } from '../shared/arm-id';
import { classicClientOptions } from '../shared/client-options';
import { armUrl } from '../shared/raw-arm';
import type { AzureSettings } from '../types';
import { INCIDENTS_API_VERSION } from './client';

const INCIDENT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+\/providers\/Microsoft\.SecurityInsights\/incidents\/[^/]+$/i;
const incidentId = z.string().regex(INCIDENT_ID, 'not a Sentinel incident id');

export const incidentUpdatePayloadSchema = z.object({
  incidentId,
  properties: z
    .object({
      status: z.enum(['New', 'Active', 'Closed']).optional(),
      classification: z.enum(['TruePositive', 'FalsePositive', 'BenignPositive', 'Undetermined']).optional(),
      classificationReason: z.enum(['SuspiciousActivity', 'IncorrectAlertLogic', 'SuspiciousButExpected', 'InaccurateData']).optional(),
      classificationComment: z.string().optional(),
      owner: z.object({ assignedTo: z.string().nullable(), objectId: z.string().nullable() }).optional(),
    })
    .strict(),
});

export const incidentCommentPayloadSchema = z.object({
  incidentId,
  commentId: z.string().regex(/^[0-9a-f-]{36}$/i),
  message: z.string().min(1).max(30_000),
});

const incidentSchema = z.looseObject({ etag: z.string().nullish(), properties: z.looseObject({}) });

function clientFor(settings: AzureSettings, id: string): SecurityInsights {
  return new SecurityInsights(settings.credential, subscriptionIdOf(id) ?? '', classicClientOptions(settings, { retries: false }));
}

async function call(client: SecurityInsights, settings: AzureSettings, method: HttpMethods, path: string, what: string, ctx: { signal: AbortSignal; now: Date }, body?: unknown): Promise<PipelineResponse> {
  const request = createPipelineRequest({ url: armUrl(settings.armEndpoint, path, INCIDENTS_API_VERSION), method, abortSignal: ctx.signal });
  if (body !== undefined) {
    request.body = JSON.stringify(body);
    request.headers.set('content-type', 'application/json');
  }
  const response = await client.sendRequest(request);
  if (response.status < 200 || response.status >= 300) {
    throw httpFailure(what, { status: response.status, retryAfter: response.headers.get('retry-after'), body: response.bodyAsText ?? undefined }, ctx.now);
  }
  return response;
}

export function incidentUpdateChannel(settings: AzureSettings): OutboxChannel {
  return {
    audit: { action: 'triage.write_back', targetType: 'triage-item' },
    async send(message, ctx) {
      const { incidentId: id, properties } = incidentUpdatePayloadSchema.parse(message.payload);
      const client = clientFor(settings, id);
      const current = await call(client, settings, 'GET', id, 'Reading the Sentinel incident', ctx);
      const parsed = incidentSchema.safeParse(JSON.parse(current.bodyAsText ?? 'null'));
      if (!parsed.success) throw new Error(`Reading the Sentinel incident: unexpected response (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      const { owner, ...rest } = properties;
      const merged = {
        ...parsed.data.properties,
        ...rest,
        ...(owner ? { owner: { ...(typeof parsed.data.properties.owner === 'object' ? parsed.data.properties.owner : {}), ...owner } } : {}),
      };
      await call(client, settings, 'PUT', id, `Updating the Sentinel incident (${Object.keys(properties).join(', ')})`, ctx, {
        ...(parsed.data.etag ? { etag: parsed.data.etag } : {}),
        properties: merged,
      });
    },
  };
}

export function incidentCommentChannel(settings: AzureSettings): OutboxChannel {
  return {
    audit: { action: 'triage.write_back', targetType: 'triage-item' },
    async send(message, ctx) {
      const { incidentId: id, commentId, message: text } = incidentCommentPayloadSchema.parse(message.payload);
      await call(clientFor(settings, id), settings, 'PUT', `${id}/comments/${commentId}`, 'Adding a comment to the Sentinel incident', ctx, { properties: { message: text } });
    },
  };
}
