import type {
  CardSnapshot,
  DiagnosisResult,
  FactName,
  Facts,
  FlowGraph,
  Lang,
  PinAttemptResult,
  ReaderEvent,
  ReaderInfo,
} from '../src-main/contract';

/**
 * The one API the renderer may use. Electron exposes it through contextBridge as
 * `window.jpkiDoctor`; the browser build implements the same interface over HTTP
 * to a localhost server backed by the same core. Both sides validate inputs.
 */
export interface JpkiDoctorApi {
  /** Where the core runs: decides e.g. how the report is printed. */
  readonly shell: 'electron' | 'web';
  platform(): Promise<'win32' | 'darwin' | 'linux'>;
  /** `declined`: questions answered "I don't know"; they are not asked again. */
  diagnose(facts: Facts, lang: Lang, options?: { declined?: FactName[] }): Promise<DiagnosisResult>;
  flowchart(): Promise<FlowGraph>;
  listReaders(): Promise<{ pcscService: 'ok' | 'unavailable'; readers: ReaderInfo[] }>;
  /** Reads everything that needs no PIN. Never spends a try. */
  probe(options?: { reader?: string }): Promise<{ snapshot: CardSnapshot; facts: Facts }>;
  /**
   * Verifies the signing PIN and reads the signing certificate. Spends a try if the
   * PIN is wrong, so the UI calls it only after the person asked, having seen the
   * tries left. Refused (nothing sent) when the format cannot be valid, when the
   * PIN is locked, or when a miss would leave fewer than 2 tries (2 or fewer
   * left) and allowLowTries is not set.
   */
  verifySigningPin(request: {
    pin: string;
    reader?: string;
    allowLowTries?: boolean;
    /** The tries left the person was shown; if the card now says otherwise, nothing is sent ('tries-changed'). */
    expectedTriesLeft: number;
    /**
     * After a correct password, sign a fresh random SHA-256 digest with the card's signing
     * key and verify it against the signing certificate and the card's CA (default true).
     * Costs no try; the result is `signatureTest` in the answer. Nothing signed is kept.
     */
    signatureTest?: boolean;
  }): Promise<PinAttemptResult>;
  /** Subscribes to reader/card hot-plug events; returns the unsubscribe function. */
  onReaderEvent(listener: (event: ReaderEvent) => void): () => void;
  /**
   * Saves the intake report as PDF. Electron: printToPDF of `html` when given
   * (self-contained, scripts off), else of the current page with its print
   * stylesheet, then a save dialog; null when the person cancelled. The web
   * shell always answers null: the page prints itself with window.print().
   */
  saveReportPdf(request: { html?: string; suggestedName: string }): Promise<{ path: string } | null>;
}

declare global {
  interface Window {
    jpkiDoctor?: JpkiDoctorApi;
  }
}
