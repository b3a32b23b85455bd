// Node reads NODE_EXTRA_CA_CERTS once, at process start. Entry points that talk to the local HTTPS stand-ins
// (demo Azure, local identity provider) call this first: it makes the dev certificate and, when the variable
// does not point at it yet, re-runs the same command with it set. A CA bundle the user already configured is
// kept by concatenating it with ours.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureDevCertificate, type DevCertificate } from '../demo/tls';

export async function ensureTrustedDevCertificate(dataDir: string): Promise<{ certificate: DevCertificate; reexecuted: boolean }> {
  const certificate = await ensureDevCertificate(path.join(dataDir, 'tls'));
  const bundlePath = path.resolve(dataDir, 'tls', 'ca-bundle.pem');
  const inherited = process.env.NODE_EXTRA_CA_CERTS ? await readFile(process.env.NODE_EXTRA_CA_CERTS, 'utf8').catch(() => '') : '';
  // Already trusted (our bundle, or a file a parent process pointed at that holds this certificate).
  if (inherited.includes(certificate.cert.trim())) return { certificate, reexecuted: false };
  await writeFile(bundlePath, `${inherited.trim()}\n${certificate.cert.trim()}\n`.trimStart(), { mode: 0o644 });
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: bundlePath },
    });
    // The child owns the terminal now; forward signals so Ctrl-C reaches it and it can stop Postgres cleanly.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1)));
  });
  process.exit(code);
}
