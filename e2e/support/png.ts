// Just enough PNG reading for the chart-download checks: the signature, the size from IHDR and the top-left pixel
// (the first pixel of the first row is stored raw whatever the row's filter, so one inflate of the image data is enough).
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngFacts {
  width: number;
  height: number;
  /** RGBA of the pixel at (0, 0). */
  topLeft: [number, number, number, number];
}

export function readPng(bytes: Buffer): PngFacts {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: wrong signature');
  const chunks: Buffer[] = [];
  let width = 0;
  let height = 0;
  let colorType = -1;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9] ?? -1;
    }
    if (type === 'IDAT') chunks.push(data);
    at += 12 + length;
  }
  if (colorType !== 6) throw new Error(`expected an RGBA PNG (colour type 6), got ${colorType}`);
  const raw = inflateSync(Buffer.concat(chunks));
  return { width, height, topLeft: [raw[1] ?? 0, raw[2] ?? 0, raw[3] ?? 0, raw[4] ?? 0] };
}
