import type { Lang } from '../contract/localized';
import type { SignatureTestResult } from '../contract/signatureTest';

const T = {
  ja: {
    head: 'テスト署名(乱数に署名し、証明書で検証。何も保存しません)',
    key: (ef: string) => `使った鍵: 署名用秘密鍵(EF ${ef})`,
    refused: (sw: string, cmd: string) => `カードが${cmd === 'select-key' ? '鍵の選択' : '署名の命令'}を拒否しました: 応答コード${sw}`,
    unreadable: '署名用電子証明書または発行元の証明書を読めなかったため、検証できませんでした',
    signature: (ok: boolean, bytes?: number, bits?: number) =>
      `署名の検証(証明書の公開鍵、RSA${bits ?? '?'}ビット、${bytes ?? '?'}バイト): ${ok ? 'OK — 鍵と証明書は対応しています' : 'NG — 鍵と証明書が合いません'}`,
    chain: (ok?: boolean) => `証明書の発行元(カード内の署名用CA)での検証: ${ok === undefined ? '未確認' : ok ? 'OK' : 'NG'}`,
    dates: (d: string, from: string, to: string) =>
      `証明書の有効期間: ${from} 〜 ${to}(${d === 'valid' ? '有効期間内' : d === 'expired' ? '期限切れ' : 'まだ始まっていない'})`,
    result: { verified: '結果: 検証できました', 'key-mismatch': '結果: 鍵と証明書が合いません', 'chain-invalid': '結果: 証明書の発行元での検証に失敗', refused: '結果: カードが署名を拒否', 'cert-unreadable': '結果: 検証できませんでした' },
    time: (ms: number) => `所要時間: ${ms}ミリ秒`,
  },
  en: {
    head: 'Test signature (a random value signed and checked against the certificate; nothing kept)',
    key: (ef: string) => `Key used: signing private key (EF ${ef})`,
    refused: (sw: string, cmd: string) => `The card refused ${cmd === 'select-key' ? 'to select the key' : 'the signing command'}: status word ${sw}`,
    unreadable: 'The signing certificate or its issuer certificate could not be read, so nothing could be checked',
    signature: (ok: boolean, bytes?: number, bits?: number) =>
      `Signature check (certificate's public key, RSA ${bits ?? '?'} bits, ${bytes ?? '?'} bytes): ${ok ? 'OK — key and certificate belong together' : 'FAILED — key and certificate do not match'}`,
    chain: (ok?: boolean) => `Certificate checked with its issuer (signing CA on the card): ${ok === undefined ? 'not checked' : ok ? 'OK' : 'FAILED'}`,
    dates: (d: string, from: string, to: string) =>
      `Certificate valid from ${from} to ${to} (${d === 'valid' ? 'within its dates' : d === 'expired' ? 'expired' : 'not yet valid'})`,
    result: { verified: 'Result: verified', 'key-mismatch': 'Result: key and certificate do not match', 'chain-invalid': 'Result: the certificate does not verify with its issuer', refused: 'Result: the card refused to sign', 'cert-unreadable': 'Result: could not be checked' },
    time: (ms: number) => `Time: ${ms} ms`,
  },
} as const;

const day = (iso?: string) => (iso ? iso.slice(0, 10) : '?');

/** The test signature's steps, one per line, for the CLI. */
export function formatSignatureTest(test: SignatureTestResult, lang: Lang): string {
  const t = T[lang];
  const lines = [t.head, `  ${t.key(test.keyEf)}`];
  if (test.outcome === 'refused') lines.push(`  ${t.refused(test.sw ?? '?', test.failedCommand ?? 'compute-signature')}`);
  else if (test.signatureValid === undefined) lines.push(`  ${t.unreadable}`);
  else {
    lines.push(`  ${t.signature(test.signatureValid, test.signatureBytes, test.modulusBits)}`);
    lines.push(`  ${t.chain(test.chainValid)}`);
    if (test.certDates) lines.push(`  ${t.dates(test.certDates, day(test.notBefore), day(test.notAfter))}`);
  }
  lines.push(`  ${t.result[test.outcome]}`, `  ${t.time(test.durationMs)}`);
  return `${lines.join('\n')}\n`;
}
