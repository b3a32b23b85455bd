// Test support: a local webhook receiver on a free loopback port. It records each POST (path and JSON body) and answers
// with the status `answer` picks for it (200 by default), so a test can make a receiver fail and then recover.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  status: number;
  body: unknown;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port> */
  url: string;
  received: ReceivedPost[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(answer: (path: string) => number = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      const status = answer(path);
      received.push({ path, status, body: JSON.parse(body) as unknown });
      res.writeHead(status);
      res.end(status === 200 ? '1' : 'try later');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
