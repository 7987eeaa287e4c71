import type { Facts } from '../../src-main/contract/facts';
import { loadRules } from '../../src-main/engine';

export const rules = loadRules();

/** Wednesday 10:00 in Japan. */
export const NOW = '2026-01-14T10:00:00+09:00';

/**
 * What a PIN-free card check reads from a healthy card, without the clock, the
 * platform or certificate dates: the one shared base for tests that need a healthy
 * card (engine, conversation persons, card layer).
 */
export const healthyCard = {
  pcscService: 'ok',
  readerCount: 1,
  cardPresent: true,
  cardReadable: true,
  jpkiApplet: true,
  token: 'mynumber',
  signCert: 'present',
  certMalformed: false,
  signPinTriesLeft: 5,
  authPinTriesLeft: 3,
} as const satisfies Facts;

/** What a probe of a healthy card reports (no PIN used, so the signing certificate's dates are unknown). */
export const healthyProbe: Facts = {
  now: NOW,
  platform: 'win32',
  ...healthyCard,
  authCertNotBefore: '2023-04-01T10:00:00+09:00',
  authCertNotAfter: '2028-04-01T23:59:59+09:00',
};

/** A healthy probe plus every answer a person can give, all harmless. */
export const healthyAnswered: Facts = {
  ...healthyProbe,
  errorCode: null,
  movedAt: null,
  nameChangedAt: null,
  certRenewedAt: null,
  faceAuthCard: false,
  enteredPinKind: 'alphanumeric',
  macKeychainPrompt: false,
  abroad: false,
  plannedSigningDate: '2026-02-01',
  moveOutFiledAt: null,
  jpkiSoftware: 'installed',
  multipleCardLibraries: false,
};
