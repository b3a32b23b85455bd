// The audit throttle for events anyone can trigger without signing in (a junk session cookie, a failed sign-in
// callback, a cross-site post): per process, in memory like the sign-in limit — one row per action, address and
// minute, at most 120 a minute in all, each recorded row carrying the count of the ones left out before it.
import { createEventThrottle } from '../security/event-throttle';

export const anonymousAuditThrottle = createEventThrottle({ perKey: 1, total: 120, windowMs: 60_000 });
