import { z } from 'zod';

/**
 * The facts the diagnosis engine reasons about. Every field is optional: a
 * missing field means "unknown", which is a real state (not false). Facts come
 * from three places: the card probe, the environment, and the person's answers.
 *
 * Dates are ISO 8601 strings. `null` on the *At answers means "never".
 */
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), {
  message: 'must be an ISO 8601 date or date-time',
});

export const FactsSchema = z
  .object({
    // --- context ---
    /** Injected "now" so that results are deterministic. */
    now: isoDate,
    platform: z.enum(['win32', 'darwin', 'linux']),
    /** Whatever the person typed; normalised by the engine (case, full-width, spaces). */
    errorCode: z.string().nullable(),

    // --- from the card probe ---
    pcscService: z.enum(['ok', 'unavailable']),
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

    // --- the person's answers ---
    movedAt: isoDate.nullable(),
    nameChangedAt: isoDate.nullable(),
    certRenewedAt: isoDate.nullable(),
    faceAuthCard: z.boolean(),
    enteredPinKind: z.enum(['four-digit', 'alphanumeric', 'unsure']),
    macKeychainPrompt: z.boolean(),
    abroad: z.boolean(),
    overseasContinuation: z.boolean(),
    plannedSigningDate: isoDate,
  })
  .partial()
  .strict();

export type Facts = z.infer<typeof FactsSchema>;
export type FactName = keyof Facts;
export const FACT_NAMES = Object.keys(FactsSchema.shape) as FactName[];
