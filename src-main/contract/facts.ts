import { z } from 'zod';
import { isoDateProblemText, parseIsoDate } from './isoDate';
import { checkFactsConsistency } from './factsConsistency';
import { normalizeErrorCode } from '../engine/normalizeErrorCode';

/**
 * The facts the diagnosis engine reasons about. Every field is optional: a
 * missing field means "unknown", which is a real state (not false). Facts come
 * from three places: the card probe, the environment, and the person's answers.
 *
 * Dates are ISO 8601 strings. `null` on the *At answers means "never".
 */
const isoDate = z.string().superRefine((s, ctx) => {
  const r = parseIsoDate(s);
  if (!r.ok) {
    const text = isoDateProblemText(r.problem);
    ctx.addIssue({ code: 'custom', message: text.en, params: { localized: text } });
  }
});

/** Longest error code accepted; real codes are about 8 characters (ICF4031, HJS0407E). */
export const ERROR_CODE_MAX = 64;

export const FactsSchema = z
  .object({
    // --- context ---
    /** Injected "now" so that results are deterministic. */
    now: isoDate,
    platform: z.enum(['win32', 'darwin', 'linux']),
    /** Whatever the person typed, capped and normalised on parsing (case, full-width, spaces). */
    errorCode: z
      .string()
      .superRefine((s, ctx) => {
        if (s.length <= ERROR_CODE_MAX) return;
        const localized = {
          ja: `エラーコードとしては長すぎます(${ERROR_CODE_MAX}文字まで)。画面に出たコードだけを入力してください(例: ICF4031)`,
          en: `too long for an error code (at most ${ERROR_CODE_MAX} characters); type only the code shown, e.g. ICF4031`,
        };
        ctx.addIssue({ code: 'custom', message: localized.en, params: { localized }, abort: true });
      })
      .nullable()
      // Normalised once, here at the boundary (full-width, spaces, case).
      .transform((v) => normalizeErrorCode(v)),

    // --- from the card probe ---
    pcscService: z.enum(['ok', 'unavailable']),
    /** jpki-doctor's own PC/SC binding: absent, built for another runtime, or failed to load (the app is damaged). */
    pcscBinding: z.enum(['ok', 'missing', 'wrong-abi', 'load-failed']),
    readerCount: z.number().int().min(0),
    cardPresent: z.boolean(),
    /** False when a card is present but could not be talked to (contact, orientation, pulled mid-read, timeout). */
    cardReadable: z.boolean(),
    /** True when another program holds the card exclusively, so it could not be read (not a contact problem). */
    cardInUse: z.boolean(),
    jpkiApplet: z.boolean(),
    token: z.enum(['mynumber', 'juki', 'other']),
    signCert: z.enum(['present', 'absent', 'unknown']),
    signCertNotBefore: isoDate,
    signCertNotAfter: isoDate,
    authCertNotBefore: isoDate,
    authCertNotAfter: isoDate,
    /** True when a certificate on the card could not be parsed. */
    certMalformed: z.boolean(),
    signPinTriesLeft: z.number().int().min(0).max(5),
    authPinTriesLeft: z.number().int().min(0).max(3),
    /** True once the signing password was verified correct on this card during this intake (a PIN check the person asked for). */
    signPinVerified: z.boolean(),
    /** Signing-password tries left just before that successful check (the card resets them to 5 on success). */
    signPinTriesBeforeVerify: z.number().int().min(0).max(5),
    /**
     * The test signature made right after that check (src-main/card/signTest.ts): verified against the
     * signing certificate and its CA, signature not matching the certificate, certificate not matching
     * the CA, the card refused to sign, or the certificates could not be read.
     */
    signatureTest: z.enum(['verified', 'key-mismatch', 'chain-invalid', 'refused', 'cert-unreadable']),
    /** When the test signature was made. */
    signatureTestAt: isoDate,
    /** With signatureTest 'refused': the card's status word, 4 hex digits (e.g. 6982). */
    signatureTestSw: z.string().regex(/^[0-9A-F]{4}$/),

    // --- the person's answers ---
    movedAt: isoDate.nullable(),
    nameChangedAt: isoDate.nullable(),
    certRenewedAt: isoDate.nullable(),
    faceAuthCard: z.boolean(),
    /** 'never-set': the person does not remember ever setting a signing password. */
    enteredPinKind: z.enum(['four-digit', 'alphanumeric', 'unsure', 'never-set']),
    macKeychainPrompt: z.boolean(),
    abroad: z.boolean(),
    overseasContinuation: z.boolean(),
    plannedSigningDate: isoDate,
    /** The end date printed on the front of the card (the card's own validity, not the certificates'). */
    cardExpiresAt: isoDate,
    /** When the card was reported lost and suspended (一時停止); null = never. */
    cardSuspendedAt: isoDate.nullable(),
    /** When a move-out notice (転出届) was filed with no move-in notice yet; null = not in the middle of a move. */
    moveOutFiledAt: isoDate.nullable(),
    /** With continued use abroad: whether the signing certificate for people living abroad was issued. */
    overseasSigningCert: z.boolean(),
    /** The JPKI user software (JPKI利用者ソフト) on this computer. */
    jpkiSoftware: z.enum(['installed', 'missing', 'outdated']),
    /** The software the person signs with: the MOJ filing software (申請用総合ソフト), its PDF plug-in, or something else. */
    signingTool: z.enum(['sogo-soft', 'pdf-plugin', 'other', 'unsure']),
    /** Software for other IC cards (another card library or reader driver) is installed too. */
    multipleCardLibraries: z.boolean(),
  })
  .partial()
  .strict()
  .superRefine(checkFactsConsistency);

export type Facts = z.infer<typeof FactsSchema>;
export type FactName = keyof Facts;
export const FACT_NAMES = Object.keys(FactsSchema.shape) as FactName[];
