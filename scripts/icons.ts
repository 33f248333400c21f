/**
 * Regenerates the site's raster icons from its one drawing, app/icon.svg (Next serves all three by file convention):
 * app/apple-icon.png (180 px, for home screens) and app/favicon.ico (16, 32 and 48 px, for /favicon.ico).
 *
 *   npx tsx scripts/icons.ts
 */
import fs from 'node:fs';
import sharp from 'sharp';

const SOURCE = 'app/icon.svg';

function png(size: number): Promise<Buffer> {
  return sharp(SOURCE, { density: 300 }) // 64 units drawn at 266 px, then scaled down
    .resize(size, size)
    .png()
    .toBuffer();
}

/** An ICO file whose images are PNGs (accepted by every current browser): a 6-byte header, 16 bytes per image. */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0); // width (0 means 256)
    entry.writeUInt8(size % 256, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

fs.writeFileSync('app/apple-icon.png', await png(180));
const sizes = [16, 32, 48];
fs.writeFileSync(
  'app/favicon.ico',
  ico(await Promise.all(sizes.map(async (size) => ({ size, data: await png(size) })))),
);
console.log('wrote app/apple-icon.png and app/favicon.ico');
