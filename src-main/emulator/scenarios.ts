import type { Localized } from '../contract/localized';
import { EF, TOKEN_INFO_LENGTH } from '../jpki/constants';
import { KeyObject } from 'node:crypto';
import { createJpkiCertificates, createMalformedCertificate, generateRsaKeyPair, type CertScenario } from './certFactory';
import type { VirtualCardSpec } from './virtualCard';

/** ATR of the JPKI card batch OpenSC knows; detection itself is by applet. */
export const JPKI_ATR = Uint8Array.of(0x3b, 0xe0, 0x00, 0xff, 0x81, 0x31, 0xfe, 0x45, 0x14);
/** Some other card with a short ATR and no JPKI applet. */
export const OTHER_ATR = Uint8Array.of(0x3b, 0x02, 0x14, 0x50);

/** Test PINs every scenario uses (the emulator prints them). */
export const TEST_SIGN_PIN = 'ABC123';
export const TEST_AUTH_PIN = '1234';

interface ScenarioShape {
  description: Localized;
  certs?: CertScenario;
  jpki?: boolean;
  token?: string;
  signTries?: number;
  authTries?: number;
  blockedSw?: 0x63c0 | 0x6983;
  /** How a card without a signing certificate shows it. */
  noSignCert?: 'not-found' | 'all-ff' | 'empty' | 'all-00' | 'no-pin-ef';
  malformed?: 'truncated' | 'garbage';
  /** The signing PIN EF answers VERIFY with this status word instead of a counter. */
  signPinVerifySw?: number;
  /** The card's signing key is not the one in its certificate (damaged or inconsistently reissued). */
  foreignSignKey?: boolean;
  /** COMPUTE DIGITAL SIGNATURE answers this status word instead of signing. */
  signatureSw?: number;
}

const SHAPES = {
  healthy: { description: { ja: '正常なカード（証明書は有効、試行回数は最大）', en: 'Healthy card (valid certificates, all tries left)' } },
  expired: { description: { ja: '署名用・利用者証明用の証明書が期限切れ', en: 'Both certificates expired' }, certs: 'expired' },
  'expires-soon': { description: { ja: '証明書の期限がまもなく切れる（約30日後）', en: 'Certificates expire soon (in about 30 days)' }, certs: 'expires-soon' },
  'sign-pin-2-left': { description: { ja: '署名用パスワードの残り回数が2回', en: 'Signing password: 2 tries left' }, signTries: 2 },
  'sign-pin-locked': { description: { ja: '署名用パスワードがロック（63C0）', en: 'Signing password locked (63C0)' }, signTries: 0 },
  'sign-pin-locked-6983': { description: { ja: '署名用パスワードがロック（6983で応答）', en: 'Signing password locked (answers 6983)' }, signTries: 0, blockedSw: 0x6983 },
  'auth-pin-locked': { description: { ja: '利用者証明用暗証番号（4桁）がロック', en: 'User PIN (4 digits) locked' }, authTries: 0 },
  'both-locked': { description: { ja: '署名用パスワードと4桁の暗証番号の両方がロック', en: 'Signing password and 4-digit PIN both locked' }, signTries: 0, authTries: 0 },
  'face-auth': { description: { ja: '顔認証カード：署名用証明書のファイルがない（6A82）', en: 'Face-auth card: no signing certificate file (6A82)' }, certs: 'face-auth', noSignCert: 'not-found' },
  'face-auth-blank': { description: { ja: '顔認証カード：署名用証明書のファイルが FF のみ', en: 'Face-auth card: signing certificate file all FF' }, certs: 'face-auth', noSignCert: 'all-ff' },
  'face-auth-empty': { description: { ja: '顔認証カード：署名用証明書のファイルが空', en: 'Face-auth card: signing certificate file empty' }, certs: 'face-auth', noSignCert: 'empty' },
  'face-auth-zeros': { description: { ja: '顔認証カード：署名用証明書のファイルが 00 のみ', en: 'Face-auth card: signing certificate file all 00' }, certs: 'face-auth', noSignCert: 'all-00' },
  'face-auth-no-pin': { description: { ja: '顔認証カード：署名用パスワードのファイルがない', en: 'Face-auth card: no signing password file' }, certs: 'face-auth', noSignCert: 'no-pin-ef' },
  'face-auth-verify-6984': {
    description: { ja: '顔認証カード：署名用パスワードの確認に 6984 で応答し、証明書ファイルもない', en: 'Face-auth card: signing password answers VERIFY with 6984, no certificate file' },
    certs: 'face-auth',
    noSignCert: 'not-found',
    signPinVerifySw: 0x6984,
  },
  'juki-card': { description: { ja: '住民基本台帳カード（JPKIAPICCTOKEN）', en: 'Juki card (JPKIAPICCTOKEN)' }, token: 'JPKIAPICCTOKEN' },
  'not-jpki': { description: { ja: 'JPKI のないカード（キャッシュカード等）', en: 'A card without JPKI (e.g. a bank card)' }, jpki: false },
  'renewed-today': { description: { ja: '今日更新したばかりの証明書', en: 'Certificates renewed today' }, certs: 'renewed-today' },
  'malformed-cert': { description: { ja: '利用者証明用証明書が壊れている', en: 'User-authentication certificate is corrupt' }, malformed: 'truncated' },
  'sign-key-mismatch': {
    description: { ja: '署名用の秘密鍵が署名用電子証明書と合わない（テスト署名が検証できない）', en: "Signing key does not match the signing certificate (the test signature fails to verify)" },
    foreignSignKey: true,
  },
  'sign-refused': {
    description: { ja: '署名の命令を拒否する（6A88で応答）', en: 'Refuses the signing command (answers 6A88)' },
    signatureSw: 0x6a88,
  },
} satisfies Record<string, ScenarioShape>;

export type ScenarioName = keyof typeof SHAPES;
export const SCENARIO_NAMES = Object.keys(SHAPES) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.prototype.hasOwnProperty.call(SHAPES, name);
}

export function scenarioDescription(name: ScenarioName): Localized {
  return SHAPES[name].description;
}

const keyPairs = new Map<string, Promise<CryptoKeyPair>>();

/** Each scenario's own signing key, made once per process (RSA-2048 generation takes a moment). */
function scenarioKeyPair(label: string): Promise<CryptoKeyPair> {
  let pair = keyPairs.get(label);
  if (!pair) {
    pair = generateRsaKeyPair();
    keyPairs.set(label, pair);
    pair.catch(() => keyPairs.delete(label));
  }
  return pair;
}

function tokenInfo(label: string): Uint8Array {
  const out = new Uint8Array(TOKEN_INFO_LENGTH).fill(0x20);
  out.set(new TextEncoder().encode(label).subarray(0, TOKEN_INFO_LENGTH));
  return out;
}

/** Builds the card for a scenario; certificates are real RSA-2048 from the cert factory. */
export async function buildScenario(name: ScenarioName, now: Date): Promise<VirtualCardSpec> {
  const shape: ScenarioShape = SHAPES[name];
  if (shape.jpki === false) {
    return { atr: OTHER_ATR, hasJpkiApplet: false, files: new Map() };
  }
  // One seed per scenario: each virtual card has its own certificate serials and signing key, as real cards do.
  const signKeyPair = await scenarioKeyPair(name);
  const certs = await createJpkiCertificates({ now, scenario: shape.certs ?? 'healthy', seed: `jpki-doctor:${name}`, signKeyPair });
  const cardKey = shape.foreignSignKey ? (await scenarioKeyPair(`${name}:foreign`)).privateKey : signKeyPair.privateKey;
  const files = new Map<number, Uint8Array>();
  files.set(EF.tokenInfo, tokenInfo(shape.token ?? 'JPKIAPICCTOKEN2'));
  files.set(EF.signCaCert, certs.signCa);
  files.set(EF.authCaCert, certs.authCa);
  files.set(EF.authCert, shape.malformed ? createMalformedCertificate(shape.malformed) : certs.auth);
  let signCertOpen = false;
  switch (shape.noSignCert) {
    case undefined:
      if (certs.sign) files.set(EF.signCert, certs.sign);
      break;
    case 'not-found':
      break;
    case 'all-ff':
      files.set(EF.signCert, new Uint8Array(2048).fill(0xff));
      signCertOpen = true;
      break;
    case 'all-00':
      files.set(EF.signCert, new Uint8Array(2048));
      signCertOpen = true;
      break;
    case 'empty':
      files.set(EF.signCert, new Uint8Array(0));
      signCertOpen = true;
      break;
    case 'no-pin-ef':
      // The file exists and is protected, but no PIN can ever open it.
      files.set(EF.signCert, new Uint8Array(2048).fill(0xff));
      break;
  }
  return {
    atr: JPKI_ATR,
    hasJpkiApplet: true,
    files,
    ...(shape.noSignCert === 'no-pin-ef' ? {} : { signPin: { pin: TEST_SIGN_PIN, triesLeft: shape.signTries ?? 5 } }),
    authPin: { pin: TEST_AUTH_PIN, triesLeft: shape.authTries ?? 3 },
    signCertOpen,
    ...(shape.blockedSw ? { blockedSw: shape.blockedSw } : {}),
    ...(shape.signPinVerifySw !== undefined ? { signPinVerifySw: shape.signPinVerifySw } : {}),
    ...(certs.sign ? { signKey: KeyObject.from(cardKey) } : {}),
    ...(shape.signatureSw !== undefined ? { signatureSw: shape.signatureSw } : {}),
  };
}
