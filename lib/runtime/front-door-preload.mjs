// Preloaded into the Next server process by the launcher; see front-door.mjs. The launcher passes the settings
// it already validated (lib/env.ts) and the security headers (lib/security/headers.ts) through the environment.
import { installFrontDoor } from './front-door.mjs';

installFrontDoor({
  trustedHops: Number(process.env.TRUSTED_PROXY_HOPS ?? '0') || 0,
  headers: JSON.parse(process.env.POSTURE_FRONT_DOOR_HEADERS ?? '{}'),
});
