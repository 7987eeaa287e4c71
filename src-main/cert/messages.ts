import type { Localized } from '../contract/localized';
import type { CertificateInfo } from '../contract/snapshot';

const RETRY_JA =
  'カードをリーダーに置き直して（非接触型のリーダーなら読み取りが終わるまで動かさずに）、もう一度確認してください。何度試しても同じ場合は、お住まいの市区町村の窓口で電子証明書を発行し直してもらえます。';
const RETRY_EN =
  'Put the card back on the reader (on a contactless reader, keep it still until reading ends) and check again. If it happens every time, your municipal office counter can issue the certificate again.';

export type MalformedReason = 'truncated' | 'not-der' | 'not-certificate' | 'bad-dates' | 'bad-input';

export function malformedMessage(reason: MalformedReason): Localized {
  switch (reason) {
    case 'truncated':
      return {
        ja: `カードから読み取った電子証明書のデータが途中で終わっていました。${RETRY_JA}`,
        en: `The certificate data read from the card stops part-way. ${RETRY_EN}`,
      };
    case 'not-der':
    case 'not-certificate':
      return {
        ja: `カードの電子証明書のデータを、証明書として読み解けませんでした。${RETRY_JA}`,
        en: `The certificate data on the card could not be understood as a certificate. ${RETRY_EN}`,
      };
    case 'bad-dates':
      return {
        ja: `カードの電子証明書に書かれた有効期間を読み取れませんでした。${RETRY_JA}`,
        en: `The validity period written in the card's certificate could not be read. ${RETRY_EN}`,
      };
    case 'bad-input':
      return {
        ja: '証明書のデータを受け取れませんでした（内部の受け渡しの問題です）。アプリを再起動して、もう一度カードを確認してください。',
        en: 'No usable certificate data was received (an internal hand-over problem). Restart the app and check the card again.',
      };
  }
}

const KIND_NAMES: Record<CertificateInfo['kind'], Localized> = {
  signing: { ja: '署名用電子証明書', en: 'signing certificate' },
  auth: { ja: '利用者証明用電子証明書', en: 'user-authentication certificate' },
  'signing-ca': { ja: '署名用の認証局（発行元）の証明書', en: 'signing CA (issuer) certificate' },
  'auth-ca': { ja: '利用者証明用の認証局（発行元）の証明書', en: 'user-authentication CA (issuer) certificate' },
  unknown: { ja: '種類の分からない証明書', en: 'certificate of unknown type' },
};

export function kindMismatchMessage(found: CertificateInfo['kind'], expected: CertificateInfo['kind']): Localized {
  return {
    ja: `${KIND_NAMES[expected].ja}があるはずの場所に、${KIND_NAMES[found].ja}が入っていました。カードのデータが想定と違うため、このカードでは署名できない可能性があります。お住まいの市区町村の窓口でカードを確認してもらってください。`,
    en: `Where the ${KIND_NAMES[expected].en} should be, the card holds a ${KIND_NAMES[found].en}. Because the card's data is not as expected, it may not be able to sign. Ask your municipal office counter to check the card.`,
  };
}
