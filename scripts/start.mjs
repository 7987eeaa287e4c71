// `npm start`: the desktop app where the Electron binary is available, else the
// same wizard in the browser (saying why), so a person always gets the wizard.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electron-available.mjs';
import { buildRenderer, serveWeb } from './web.mjs';
import { prepareElectronNative } from './prepare-electron-native.mjs';

const electron = electronBinary();
buildRenderer();

if (electron.ok) {
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const env = { ...process.env };
  try {
    env.JPKI_PCSCLITE_DIR = await prepareElectronNative();
  } catch (error) {
    console.warn(
      `PC/SC の部品を Electron 用に準備できませんでした。カードの読み取りは使えないことがあります (${error.message})。\n` +
        `Could not prepare the PC/SC binding for Electron; card reading may be unavailable (${error.message}).`,
    );
  }
  const app = spawn(electron.path, ['.'], { stdio: 'inherit', env });
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    [
      '',
      'Electron のアプリ本体を用意できなかったため、同じ診断ウィザードをブラウザ版で起動します。',
      'The Electron binary is not available here, so the same wizard starts in your browser instead.',
      `  理由 / reason: ${electron.reason}`,
      '  カードの読み取りも診断も同じように使えます。/ Card reading and diagnosis work the same way.',
      '',
    ].join('\n'),
  );
  serveWeb({ openBrowser: true });
}
