import type { App, Clipboard, CrashReporter, Menu as MenuType, Shell } from 'electron';
import os from 'node:os';
import type { DoctorCore } from '../service/doctorCore';
import { bindingStatus, diagnosticInfoText, type DiagnosticInfo } from './diagnosticInfo';
import { menuLanguage } from './language';
import { menuTemplate } from './menu';
import { createRotatingLog, type RotatingLog } from './rotatingLog';

/** Crash dumps stay in the OS crash-dump folder on this computer: nothing is uploaded. */
export function keepCrashReportsLocal(crashReporter: Pick<CrashReporter, 'start'>): void {
  crashReporter.start({ uploadToServer: false, compress: true });
}

/** The local log, in the OS log folder (~/Library/Logs/jpki-doctor, %APPDATA%\jpki-doctor\logs, ~/.config/jpki-doctor/logs). */
export function openAppLog(app: Pick<App, 'getPath' | 'getVersion' | 'isPackaged'>): RotatingLog {
  const log = createRotatingLog({ dir: app.getPath('logs') });
  log.info('start', { version: app.getVersion(), packaged: app.isPackaged, platform: process.platform, arch: process.arch });
  return log;
}

export interface DesktopShellDeps {
  app: Pick<App, 'getVersion' | 'isPackaged' | 'getPreferredSystemLanguages'>;
  Menu: Pick<typeof MenuType, 'buildFromTemplate' | 'setApplicationMenu'>;
  clipboard: Pick<Clipboard, 'writeText'>;
  shell: Pick<Shell, 'openPath'>;
  core: Pick<DoctorCore, 'listReaders'>;
  log: RotatingLog;
  logDir: string;
}

/** Collects what "Copy diagnostic info" puts on the clipboard. */
export async function collectDiagnosticInfo(deps: DesktopShellDeps, lang: 'ja' | 'en'): Promise<DiagnosticInfo> {
  const pcsc = await deps.core.listReaders().catch((error: unknown) => ({ error: String((error as Error)?.message ?? error) }));
  return {
    appVersion: deps.app.getVersion(),
    versions: { electron: process.versions.electron, node: process.versions.node, chrome: process.versions.chrome },
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    lang,
    packaged: deps.app.isPackaged,
    binding: await bindingStatus(),
    pcsc,
    logFile: deps.log.file,
  };
}

/** The application menu in the system's language, with the staff actions behind it. */
export function installDesktopShell(deps: DesktopShellDeps): void {
  const lang = menuLanguage(deps.app.getPreferredSystemLanguages());
  const template = menuTemplate({
    lang,
    platform: process.platform,
    packaged: deps.app.isPackaged,
    actions: {
      copyDiagnosticInfo: () => {
        void collectDiagnosticInfo(deps, lang).then((info) => {
          deps.clipboard.writeText(diagnosticInfoText(info));
          deps.log.info('diagnostic-info-copied');
        });
      },
      openLogFolder: () => void deps.shell.openPath(deps.logDir),
    },
  });
  deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
}
