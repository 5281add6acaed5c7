// Draws the app icon (build/icon.png, 1024×1024): a blue rounded square with a white hexagon, a
// pod, holding three small cubes, its containers. Run: node build/make-icon.mjs
// electron-builder turns this one PNG into the icons each platform needs.

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const size = 1024;
const blue = [50, 108, 229];
const white = [255, 255, 255];

function insideRoundedSquare(x, y) {
  const margin = 64;
  const radius = 200;
  const low = margin + radius;
  const high = size - margin - radius;
  const cx = Math.min(Math.max(x, low), high);
  const cy = Math.min(Math.max(y, low), high);
  return x >= margin && x < size - margin && y >= margin && y < size - margin && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** A regular hexagon with a flat top, centred, of circumradius r. */
function insideHexagon(x, y, r) {
  const dx = Math.abs(x - size / 2);
  const dy = Math.abs(y - size / 2);
  const apothem = (r * Math.sqrt(3)) / 2;
  return dy <= apothem && Math.sqrt(3) * dx + dy <= Math.sqrt(3) * r;
}

function insideCube(x, y) {
  const half = 62;
  const centres = [
    [size / 2 - 95, size / 2 + 60],
    [size / 2 + 95, size / 2 + 60],
    [size / 2, size / 2 - 105],
  ];
  return centres.some(([cx, cy]) => Math.abs(x - cx) <= half && Math.abs(y - cy) <= half);
}

function colourAt(x, y) {
  if (!insideRoundedSquare(x, y)) return null;
  const ring = insideHexagon(x, y, 360) && !insideHexagon(x, y, 315);
  if (ring || insideCube(x, y)) return white;
  return blue;
}

const rows = [];
for (let y = 0; y < size; y++) {
  const row = Buffer.alloc(1 + size * 4);
  for (let x = 0; x < size; x++) {
    const colour = colourAt(x + 0.5, y + 0.5);
    if (colour) row.set([...colour, 255], 1 + x * 4);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), png);
console.log(`wrote build/icon.png (${png.length} bytes)`);
