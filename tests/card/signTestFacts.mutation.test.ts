import { describe, expect, it } from 'vitest';
import { formatSignatureTest } from '../../src-main/card/formatSignatureTest';
import { pinResultFacts, signatureTestFacts } from '../../src-main/card/signTestFacts';
import type { CertificateInfo, PinAttemptResult } from '../../src-main/contract/snapshot';
import type { SignatureTestResult } from '../../src-main/contract/signatureTest';

/** What a password check with its test signature tells the engine, and how the CLI prints the test. */
const AT = '2026-11-25T03:00:00.000Z';
const signCert: CertificateInfo = {
  subject: 'CN=X, C=JP',
  issuer: 'C=JP, O=JPKI, OU=JPKI for digital signature',
  serialNumber: '0ABC',
  notBefore: '2024-11-25T03:00:00.000Z',
  notAfter: '2029-06-15T14:59:59.000Z',
  daysLeft: 933,
  kind: 'signing',
};
const test = (over: Partial<SignatureTestResult> = {}): SignatureTestResult => ({ outcome: 'verified', at: AT, keyEf: '001A', durationMs: 12.5, ...over });

describe('pinResultFacts', () => {
  it('gives nothing for a failed check', () => {
    expect(pinResultFacts({ ok: false, sent: true, triesLeft: 4 }, 5)).toEqual({});
  });

  it('records the verified password, the tries shown before, the certificate dates and the test', () => {
    const result: PinAttemptResult = { ok: true, sent: true, triesLeft: 5, signCert, signatureTest: test() };
    expect(pinResultFacts(result, 3)).toEqual({
      signPinVerified: true,
      signPinTriesBeforeVerify: 3,
      signCert: 'present',
      signCertNotBefore: signCert.notBefore,
      signCertNotAfter: signCert.notAfter,
      signatureTest: 'verified',
      signatureTestAt: AT,
    });
  });

  it('leaves out what it does not know', () => {
    expect(pinResultFacts({ ok: true, sent: true, triesLeft: 5 })).toStrictEqual({ signPinVerified: true });
    expect(pinResultFacts({ ok: true, sent: true, triesLeft: 5 }, 0)).toEqual({ signPinVerified: true, signPinTriesBeforeVerify: 0 });
  });
});

describe('signatureTestFacts', () => {
  it('keeps the status word of a refusal only', () => {
    expect(signatureTestFacts({ ok: true, sent: true, signatureTest: test({ outcome: 'refused', sw: '6A88', failedCommand: 'compute-signature' }) })).toEqual({
      signatureTest: 'refused',
      signatureTestAt: AT,
      signatureTestSw: '6A88',
    });
    expect(signatureTestFacts({ ok: true, sent: true, signatureTest: test({ outcome: 'refused' }) })).toEqual({ signatureTest: 'refused', signatureTestAt: AT });
    expect(signatureTestFacts({ ok: true, sent: true, signatureTest: test({ outcome: 'key-mismatch', sw: '9000' }) })).toEqual({ signatureTest: 'key-mismatch', signatureTestAt: AT });
  });

  it('gives nothing without a test, or for a failed check that somehow carries one', () => {
    expect(signatureTestFacts({ ok: true, sent: true })).toEqual({});
    expect(signatureTestFacts({ ok: false, sent: true, signatureTest: test() })).toEqual({});
  });
});

describe('formatSignatureTest', () => {
  it('prints a verified test step by step, in both languages', () => {
    const t = test({ signatureBytes: 256, modulusBits: 2048, signatureValid: true, chainValid: true, certDates: 'valid', notBefore: signCert.notBefore, notAfter: signCert.notAfter });
    expect(formatSignatureTest(t, 'en')).toBe(
      [
        'Test signature (a random value signed and checked against the certificate; nothing kept)',
        '  Key used: signing private key (EF 001A)',
        "  Signature check (certificate's public key, RSA 2048 bits, 256 bytes): OK — key and certificate belong together",
        '  Certificate checked with its issuer (signing CA on the card): OK',
        '  Certificate valid from 2024-11-25 to 2029-06-15 (within its dates)',
        '  Result: verified',
        '  Time: 12.5 ms',
        '',
      ].join('\n'),
    );
    expect(formatSignatureTest(t, 'ja')).toBe(
      [
        'テスト署名(乱数に署名し、証明書で検証。何も保存しません)',
        '  使った鍵: 署名用秘密鍵(EF 001A)',
        '  署名の検証(証明書の公開鍵、RSA2048ビット、256バイト): OK — 鍵と証明書は対応しています',
        '  証明書の発行元(カード内の署名用CA)での検証: OK',
        '  証明書の有効期間: 2024-11-25 〜 2029-06-15(有効期間内)',
        '  結果: 検証できました',
        '  所要時間: 12.5ミリ秒',
        '',
      ].join('\n'),
    );
  });

  it('prints a mismatch, a failed or unchecked chain and each date verdict', () => {
    const en = (over: Partial<SignatureTestResult>) => formatSignatureTest(test({ signatureValid: true, ...over }), 'en').split('\n');
    expect(en({ outcome: 'key-mismatch', signatureValid: false })[2]).toBe("  Signature check (certificate's public key, RSA ? bits, ? bytes): FAILED — key and certificate do not match");
    expect(en({ outcome: 'key-mismatch', signatureValid: false })).toContain('  Result: key and certificate do not match');
    expect(en({ outcome: 'chain-invalid', chainValid: false })[3]).toBe('  Certificate checked with its issuer (signing CA on the card): FAILED');
    expect(en({ outcome: 'chain-invalid', chainValid: false })).toContain('  Result: the certificate does not verify with its issuer');
    expect(en({ outcome: 'cert-unreadable' })[3]).toBe('  Certificate checked with its issuer (signing CA on the card): not checked');
    expect(en({ certDates: 'expired', notBefore: signCert.notBefore })[4]).toBe('  Certificate valid from 2024-11-25 to ? (expired)');
    expect(en({ certDates: 'not-yet-valid' })[4]).toBe('  Certificate valid from ? to ? (not yet valid)');
    // No date line without a date verdict.
    expect(en({})).toHaveLength(7);
    const ja = (over: Partial<SignatureTestResult>) => formatSignatureTest(test({ signatureValid: true, ...over }), 'ja').split('\n');
    expect(ja({ signatureValid: false })[2]).toBe('  署名の検証(証明書の公開鍵、RSA?ビット、?バイト): NG — 鍵と証明書が合いません');
    expect(ja({ chainValid: false })[3]).toBe('  証明書の発行元(カード内の署名用CA)での検証: NG');
    expect(ja({})[3]).toBe('  証明書の発行元(カード内の署名用CA)での検証: 未確認');
    expect(ja({ certDates: 'expired' })[4]).toBe('  証明書の有効期間: ? 〜 ?(期限切れ)');
    expect(ja({ certDates: 'not-yet-valid' })[4]).toBe('  証明書の有効期間: ? 〜 ?(まだ始まっていない)');
  });

  it('names the refused command and its status word', () => {
    expect(formatSignatureTest(test({ outcome: 'refused', sw: '6A82', failedCommand: 'select-key' }), 'en').split('\n')[2]).toBe('  The card refused to select the key: status word 6A82');
    expect(formatSignatureTest(test({ outcome: 'refused', sw: '6A88', failedCommand: 'compute-signature' }), 'en').split('\n').slice(2, 4)).toEqual([
      '  The card refused the signing command: status word 6A88',
      '  Result: the card refused to sign',
    ]);
    expect(formatSignatureTest(test({ outcome: 'refused' }), 'en').split('\n')[2]).toBe('  The card refused the signing command: status word ?');
    expect(formatSignatureTest(test({ outcome: 'refused', sw: '6A82', failedCommand: 'select-key' }), 'ja').split('\n')[2]).toBe('  カードが鍵の選択を拒否しました: 応答コード6A82');
    expect(formatSignatureTest(test({ outcome: 'refused', sw: '6A88', failedCommand: 'compute-signature' }), 'ja').split('\n').slice(2, 4)).toEqual([
      '  カードが署名の命令を拒否しました: 応答コード6A88',
      '  結果: カードが署名を拒否',
    ]);
  });

  it('says nothing could be checked when there was no signature check', () => {
    expect(formatSignatureTest(test({ outcome: 'cert-unreadable' }), 'en').split('\n').slice(2, 4)).toEqual([
      '  The signing certificate or its issuer certificate could not be read, so nothing could be checked',
      '  Result: could not be checked',
    ]);
    expect(formatSignatureTest(test({ outcome: 'cert-unreadable' }), 'ja').split('\n').slice(2, 4)).toEqual([
      '  署名用電子証明書または発行元の証明書を読めなかったため、検証できませんでした',
      '  結果: 検証できませんでした',
    ]);
  });
});
