import { CardFailure } from './errors';
import type { LibFactory } from './pcscliteTypes';

let cached: Promise<LibFactory> | undefined;

/**
 * pcsclite is an optional native dependency: it may be absent or fail to load
 * (no libpcsclite, ABI mismatch). That is the pcsc-unavailable condition.
 */
export function loadPcsclite(): Promise<LibFactory> {
  cached ??= (async () => {
    try {
      const mod: unknown = await import('pcsclite');
      const factory = (mod as { default?: unknown }).default ?? mod;
      if (typeof factory !== 'function') throw new Error('pcsclite did not export a factory');
      return factory as LibFactory;
    } catch (error) {
      cached = undefined;
      throw new CardFailure('pcsc-unavailable', `pcsclite could not be loaded: ${(error as Error).message ?? error}`);
    }
  })();
  return cached;
}
