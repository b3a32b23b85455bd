// Turns a receiver's refusal into an OutboxSendError the drainer can schedule: the status, Retry-After, and a
// message for people (403 says plainly that the identity lacks the permission, because retrying will not help).
import { armErrorMessage } from '../connectors/shared/raw-arm';
import { parseRetryAfterMs } from './schedule';
import { OutboxSendError } from './types';

export function httpFailure(what: string, response: { status: number; retryAfter: string | null | undefined; body?: string }, now: Date): OutboxSendError {
  const reason = armErrorMessage(response.body);
  const text =
    response.status === 403 || response.status === 401
      ? `No permission: ${what} was refused (HTTP ${response.status}${reason ? ` ${reason}` : ''}). Give the dashboard's identity the Azure role that allows it; this change is not retried.`
      : `${what} failed: HTTP ${response.status}${reason ? ` ${reason}` : ''}`;
  return new OutboxSendError(text, response.status, parseRetryAfterMs(response.retryAfter, now));
}
