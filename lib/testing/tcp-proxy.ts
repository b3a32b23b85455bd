// A TCP proxy in front of Postgres that a test can cut and restore: cut() drops every open connection (both
// sides, as a crashed or restarted server would) and refuses new ones until restore().
import net from 'node:net';

export interface CuttableProxy {
  port: number;
  /** A copy of `url` that goes through the proxy. */
  urlFor(url: string): string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(target: { host: string; port: number }): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  let open = true;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((downstream) => {
    track(downstream);
    if (!open) return void downstream.destroy();
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    downstream.pipe(upstream).pipe(downstream);
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        setTimeout(resolve, 2000).unref(); // never hold a test's teardown on a straggling socket
      }),
  };
}
