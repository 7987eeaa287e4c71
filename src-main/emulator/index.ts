import type { Localized } from '../contract/localized';
import {
  buildScenario,
  isScenarioName,
  scenarioDescription,
  SCENARIO_NAMES,
  TEST_AUTH_PIN,
  TEST_SIGN_PIN,
  type ScenarioName,
} from './scenarios';
import { traceApdu } from './trace';
import { VirtualCard, type CardCounters, type VirtualCardSpec } from './virtualCard';
import { linkCard } from './cardLink';
import { VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT } from './vpcdLink';

export { VirtualCard, type CardCounters, type VirtualCardSpec } from './virtualCard';
export { SCENARIO_NAMES, isScenarioName, scenarioDescription, buildScenario, TEST_SIGN_PIN, TEST_AUTH_PIN, JPKI_ATR, type ScenarioName } from './scenarios';
export { traceApdu } from './trace';
export { VpcdLink, VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT } from './vpcdLink';
export { linkCard, type ApduAnswer } from './cardLink';

/** Misbehaviour for tests, counted in command APDUs since the emulator started. */
export interface EmulatorFaults {
  /** Pull the card (close the socket) instead of answering APDU number N+1. */
  removeAfterApdus?: number;
  /** Answer every APDU after the first N with one meaningless byte. */
  garbageAfterApdus?: number;
  /** Stop answering after N APDUs (the card goes mute). */
  silentAfterApdus?: number;
  /** Stop answering from the first VERIFY that carries a PIN, or the first signature command, on. */
  silentFrom?: 'pin-verify' | 'signature';
}

export interface EmulatorOptions {
  scenario: string;
  host?: string;
  port?: number;
  now?: Date;
  faults?: EmulatorFaults;
  /** Insert the card at start (default true). */
  inserted?: boolean;
}

export interface EmulatorHandle {
  readonly scenario: ScenarioName;
  readonly description: Localized;
  /** The scenario's test PINs (virtual card only). */
  readonly signPin: string;
  readonly authPin: string;
  readonly inserted: boolean;
  counters(): CardCounters;
  /** Takes the card out (closes the vpcd connection). */
  remove(): Promise<void>;
  /** Puts the card back (reconnects); security status starts fresh. */
  insert(): Promise<void>;
  stop(): Promise<void>;
}

export class UnknownScenarioError extends Error {
  constructor(readonly scenario: string) {
    super(`unknown scenario "${scenario}"; known: ${SCENARIO_NAMES.join(', ')}`);
    this.name = 'UnknownScenarioError';
  }
}

/** VERIFY with data (a counter query has none), or PSO COMPUTE DIGITAL SIGNATURE. */
function isCommand(apdu: Uint8Array, which: 'pin-verify' | 'signature'): boolean {
  return which === 'pin-verify' ? apdu[1] === 0x20 && apdu.length > 5 : apdu[1] === 0x2a;
}

/** Starts a virtual JPKI card and inserts it into pcscd's vpcd reader. */
export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  if (!isScenarioName(options.scenario)) throw new UnknownScenarioError(options.scenario);
  const scenario = options.scenario;
  const spec: VirtualCardSpec = await buildScenario(scenario, options.now ?? new Date());
  const card = new VirtualCard(spec);
  const faults = options.faults ?? {};
  let mute = false;
  const link = linkCard(
    card,
    (apdu, n) => {
      if (process.env.JPKI_EMU_TRACE) console.error('apdu', traceApdu(apdu));
      if (faults.removeAfterApdus !== undefined && n >= faults.removeAfterApdus) return 'hang-up';
      if (faults.silentAfterApdus !== undefined && n >= faults.silentAfterApdus) return null;
      if (faults.silentFrom && (mute ||= isCommand(apdu, faults.silentFrom))) return null;
      if (faults.garbageAfterApdus !== undefined && n >= faults.garbageAfterApdus) return Uint8Array.of(0x5a);
      return card.process(apdu);
    },
    { host: options.host ?? VPCD_DEFAULT_HOST, port: options.port ?? VPCD_DEFAULT_PORT },
  );

  if (options.inserted !== false) await link.connect();

  return {
    scenario,
    description: scenarioDescription(scenario),
    signPin: TEST_SIGN_PIN,
    authPin: TEST_AUTH_PIN,
    get inserted() {
      return link.connected;
    },
    counters: () => card.counters(),
    remove: () => link.disconnect(),
    insert: () => link.connect(),
    stop: () => link.disconnect(),
  };
}
