// Makes the app icons from one source image, build/icon.svg: a 1024 px PNG
// (Linux, and the base of the others), a Windows .ico and a macOS .icns, in
// out/icons/ (generated, never committed). Pure npm packages, no network:
// @resvg/resvg-js renders the SVG, png2icons packs .ico and .icns.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const ICON_SOURCE = fileURLToPath(new URL('../build/icon.svg', import.meta.url));
export const ICON_DIR = fileURLToPath(new URL('../out/icons/', import.meta.url));

export function buildIcons(source = ICON_SOURCE, outDir = ICON_DIR) {
  const svg = readFileSync(source);
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: 1024 } }).render().asPng();
  const ico = png2icons.createICO(png, png2icons.BICUBIC, 0, false, true);
  const icns = png2icons.createICNS(png, png2icons.BICUBIC, 0);
  if (!ico || !icns) throw new Error(`could not make .ico/.icns from ${source}`);
  mkdirSync(outDir, { recursive: true });
  const files = { png: `${outDir}icon.png`, ico: `${outDir}icon.ico`, icns: `${outDir}icon.icns` };
  writeFileSync(files.png, png);
  writeFileSync(files.ico, ico);
  writeFileSync(files.icns, icns);
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = buildIcons();
  console.log(`jpki-doctor: icons in ${ICON_DIR} (${Object.keys(files).join(', ')})`);
}
