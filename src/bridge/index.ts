import type { JpkiDoctorApi } from '../../src-preload/api';
import { BRIDGE_ERROR_PREFIX } from '../../src-preload/channels';
import { BridgeError, createHttpApi } from './http';

export { BridgeError } from './http';

let api: JpkiDoctorApi | undefined;

/** Electron's errors arrive as plain Errors with the payload in the message; restore them. */
function restoreErrors(electronApi: JpkiDoctorApi): JpkiDoctorApi {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        const message = (error as Error)?.message ?? '';
        const at = message.indexOf(BRIDGE_ERROR_PREFIX);
        if (at >= 0) {
          const payload = JSON.parse(message.slice(at + BRIDGE_ERROR_PREFIX.length));
          throw new BridgeError(payload.code, payload.message, payload.field);
        }
        throw error;
      }
    };
  return {
    shell: electronApi.shell,
    platform: wrap(electronApi.platform),
    diagnose: wrap(electronApi.diagnose),
    flowchart: wrap(electronApi.flowchart),
    listReaders: wrap(electronApi.listReaders),
    probe: wrap(electronApi.probe),
    verifySigningPin: wrap(electronApi.verifySigningPin),
    onReaderEvent: (listener) => electronApi.onReaderEvent(listener),
    saveReportPdf: wrap(electronApi.saveReportPdf),
  };
}

/** The only way components reach the core: Electron's preload API, else the localhost server. */
export function getApi(): JpkiDoctorApi {
  api ??= window.jpkiDoctor ? restoreErrors(window.jpkiDoctor) : createHttpApi();
  return api;
}
