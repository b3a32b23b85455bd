// A self-signed certificate for the local ARM stand-in. The SDK clients only talk HTTPS, so demo mode and tests
// need a certificate that Node trusts (via NODE_EXTRA_CA_CERTS pointing at cert.pem).
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface DevCertificate {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

const CERT_FILE = 'cert.pem';
const KEY_FILE = 'key.pem';
/** Regenerate a little before expiry so a long-lived checkout never starts with a dead certificate. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

async function readExisting(certPath: string, keyPath: string): Promise<{ cert: string; key: string } | null> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const parsed = new X509Certificate(cert);
    if (Date.parse(parsed.validTo) - Date.now() < RENEW_BEFORE_MS) return null;
    if (!parsed.checkPrivateKey(createPrivateKey(key))) return null;
    return { cert, key };
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Creates `<dir>/cert.pem` and `<dir>/key.pem` once (CN=localhost with a unique O, SANs localhost, 127.0.0.1, ::1) and reuses them
 * afterwards, so NODE_EXTRA_CA_CERTS set by a parent process keeps matching the certificate the server presents.
 */
export async function ensureDevCertificate(dir: string): Promise<DevCertificate> {
  const certPath = path.resolve(dir, CERT_FILE);
  const keyPath = path.resolve(dir, KEY_FILE);
  const existing = await readExisting(certPath, keyPath);
  if (existing) return { certPath, keyPath, ...existing };

  await mkdir(path.dirname(certPath), { recursive: true });
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 825 * 24 * 60 * 60 * 1000);
  // A subject of its own per certificate: when a CA bundle holds two dev certificates (a parent's and this data
  // directory's), TLS looks the issuer up by subject name, and two "CN=localhost" entries make it pick the wrong one.
  const subject = [
    { name: 'commonName', value: 'localhost' },
    { name: 'organizationName', value: `AKS Posture dev certificate ${randomBytes(6).toString('hex')}` },
  ];
  const pems = await generate(subject, {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // cA:true lets the same certificate act as its own trust anchor in NODE_EXTRA_CA_CERTS.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  // Key first with 0600 from the start, so there is no moment where it is world-readable.
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, pems.cert, { mode: 0o644 });
  return { certPath, keyPath, cert: pems.cert, key: pems.private };
}
