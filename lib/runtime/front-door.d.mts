// Types of front-door.mjs (plain JavaScript, because it runs inside the Next server process).
import type { IncomingMessage } from 'node:http';

export function clientAddressOf(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string;
export function hasMalformedPath(target: string | undefined): boolean;
export function frontDoorDecision(
  req: Pick<IncomingMessage, 'method' | 'url' | 'headers'> & { socket?: { remoteAddress?: string } },
  trustedHops: number,
): { status: number; message: string } | null;
export function installFrontDoor(options: { trustedHops: number; headers: Record<string, string> }): void;
