// The DAST step of CI: runs wapiti against the running app and fails on any high (or critical) finding.
//   npx tsx lib/security/dast/run-wapiti.ts --url http://localhost:3100/ [--report test-results/wapiti.json]
//     [--as admin --secret-file .data/e2e/auth-secret]   scan signed in as a demo user (session minted with the
//                                                          app's AUTH_SECRET, as Auth.js would after sign-in)
// Exit codes: 0 no high finding, 1 high findings (listed), 2 wapiti missing or failed.
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findingsOf, highFindings } from './wapiti-report';
import { demoSessionCookie } from './demo-session';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3100/' },
      report: { type: 'string', default: 'test-results/wapiti/report.json' },
      'max-minutes': { type: 'string', default: '10' },
      as: { type: 'string' },
      'secret-file': { type: 'string' },
    },
  });
  const url = values.url ?? 'http://localhost:3100/';
  const report = path.resolve(values.report ?? 'test-results/wapiti/report.json');
  await mkdir(path.dirname(report), { recursive: true });
  const args = [
    '-u', url,
    // Stay on this app: the identity provider and anything else on loopback are out of scope.
    '--scope', 'folder',
    '-f', 'json', '-o', report,
    '--flush-session',
    '--max-scan-time', String(Number(values['max-minutes']) * 60),
    // The findings list pages into thousands of near-identical URLs; a bounded crawl and a time box per
    // attack module keep the run in CI's budget while every route and form is still attacked.
    '--depth', '4',
    '--max-links-per-page', '40',
    '--max-files-per-dir', '30',
    '--max-attack-time', String(Math.max(30, Math.floor((Number(values['max-minutes']) * 60) / 12))),
    '-v', '1',
    // No -x exclusions: wapiti 3.0.4 on Python 3.11 crashes compiling them. Signing out does not end the scan's
    // session anyway: the cookie travels as a fixed header and JWT sessions are not revoked server-side.
  ];
  if (values.as) {
    const secret = values['secret-file'] ? (await readFile(values['secret-file'], 'utf8')).trim() : process.env.AUTH_SECRET;
    if (!secret) throw new Error('--as needs --secret-file or AUTH_SECRET');
    args.push('-H', `Cookie: ${await demoSessionCookie(values.as, secret)}`);
  }
  const code = await new Promise<number>((resolve) => {
    const child = spawn('wapiti', args, { stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code === 127) {
    process.stderr.write('wapiti is not installed (apt-get install wapiti).\n');
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(report, 'utf8'));
  } catch {
    process.stderr.write(`wapiti exited with ${code} and wrote no readable report at ${report}.\n`);
    return 2;
  }
  const all = findingsOf(json);
  const high = highFindings(json);
  process.stdout.write(`wapiti: ${all.length} finding(s), ${high.length} at level high or above. Report: ${report}\n`);
  for (const f of high) process.stdout.write(`  HIGH ${f.kind} ${f.category}: ${f.method} ${f.path} — ${f.info}\n`);
  return high.length > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
