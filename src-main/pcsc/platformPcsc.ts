import { CardFailure, pcscCodeOf } from './errors';
import { smartCardServiceStartType, type ServiceStartType } from './windowsSmartCardService';

/** What a PC/SC "no service" answer means depends on the platform; tests pass their own. */
export interface PlatformPcsc {
  platform: NodeJS.Platform;
  /** Windows only: the Smart Card service's start type. */
  serviceStartType(): Promise<ServiceStartType>;
}

export const hostPlatformPcsc: PlatformPcsc = {
  platform: process.platform,
  serviceStartType: () => smartCardServiceStartType(),
};

const SCARD_E_NO_SERVICE = 0x8010001d;
const SCARD_E_SERVICE_STOPPED = 0x8010001e;

/** SCARD_E_NO_SERVICE / SCARD_E_SERVICE_STOPPED, by number. */
export function isServiceAbsent(error: unknown): boolean {
  const code = pcscCodeOf(error);
  return code === SCARD_E_NO_SERVICE || code === SCARD_E_SERVICE_STOPPED;
}

/**
 * Windows stops SCardSvr when the last reader is removed, so "no service" there
 * is "no reader" unless the service is really disabled. When Windows cannot be
 * asked, "no reader" is still the likely cause (and its steps harm nothing).
 * Resolves to the failure to report: no-reader, or pcsc-unavailable with the reason.
 */
export async function serviceAbsentMeaning(error: unknown, env: PlatformPcsc): Promise<CardFailure | undefined> {
  if (!isServiceAbsent(error) || env.platform !== 'win32') return undefined;
  const startType = await env.serviceStartType();
  const code = pcscCodeOf(error) === SCARD_E_NO_SERVICE ? 'SCARD_E_NO_SERVICE (0x8010001D)' : 'SCARD_E_SERVICE_STOPPED (0x8010001E)';
  if (startType === 'disabled') return new CardFailure('pcsc-unavailable', `${code}; Smart Card service (SCardSvr) start type: disabled`);
  return new CardFailure('no-reader', `${code}; Windows stops the Smart Card service when no reader is attached (start type: ${startType})`);
}

/** A context error after start-up: on Windows the service stopping means the last reader left. */
export function contextErrorMeaning(error: unknown, platform: NodeJS.Platform): CardFailure | undefined {
  if (platform !== 'win32' || !isServiceAbsent(error)) return undefined;
  return new CardFailure('no-reader', 'the Smart Card service stopped: Windows does so when the last reader is removed');
}
