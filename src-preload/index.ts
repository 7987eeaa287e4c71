import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { JpkiDoctorApi } from './api';
import type { ReaderEvent } from '../src-main/contract';
import { BRIDGE_ERROR_PREFIX, CHANNELS, type Envelope } from './channels';

// Errors crossing contextBridge lose their class and fields, so the payload
// travels as JSON in the message; src/bridge turns it back into a BridgeError.
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const envelope = (await ipcRenderer.invoke(channel, ...args)) as Envelope<T>;
  if (envelope.ok) return envelope.result;
  throw new Error(BRIDGE_ERROR_PREFIX + JSON.stringify(envelope.error));
}

const api: JpkiDoctorApi = {
  shell: 'electron',
  platform: () => invoke(CHANNELS.platform),
  diagnose: (facts, lang, options) => invoke(CHANNELS.diagnose, { facts, lang, ...options }),
  flowchart: () => invoke(CHANNELS.flowchart),
  listReaders: () => invoke(CHANNELS.listReaders),
  probe: (options) => invoke(CHANNELS.probe, options ?? {}),
  verifySigningPin: (request) => invoke(CHANNELS.verifySigningPin, request),
  onReaderEvent(listener) {
    const handler = (_event: IpcRendererEvent, readerEvent: ReaderEvent) => listener(readerEvent);
    ipcRenderer.on(CHANNELS.readerEvent, handler);
    void ipcRenderer.invoke(CHANNELS.watchReaders);
    return () => {
      ipcRenderer.removeListener(CHANNELS.readerEvent, handler);
    };
  },
  saveReportPdf: (request) => invoke(CHANNELS.saveReportPdf, request),
};

contextBridge.exposeInMainWorld('jpkiDoctor', api);
