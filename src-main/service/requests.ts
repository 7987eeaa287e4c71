import { z } from 'zod';
import { FACT_NAMES, FactsSchema } from '../contract/facts';

/**
 * What the bridge accepts from the renderer. Both shells (Electron IPC and the
 * localhost web server) validate with these before the core sees anything: the
 * renderer is treated as untrusted input.
 */
export const LangSchema = z.enum(['ja', 'en']);

export const DiagnoseRequest = z
  .object({
    facts: FactsSchema,
    lang: LangSchema.default('ja'),
    // Questions the person answered with "I don't know": not asked again.
    declined: z.array(z.enum(FACT_NAMES as [string, ...string[]])).max(64).optional(),
  })
  .strict();
export const ProbeRequest = z.object({ reader: z.string().max(256).optional() }).strict();
export const VerifyPinRequest = z
  .object({
    // Length is bounded here only to reject absurd input; the real format check
    // (with its reasons in words) happens in the card layer before anything is sent.
    pin: z.string().max(64),
    reader: z.string().max(256).optional(),
    allowLowTries: z.boolean().optional(),
    // What the person was shown before deciding: the card layer refuses if it changed.
    expectedTriesLeft: z.number().int().min(0).max(5),
    // After a correct password, make the test signature (default true); false skips it.
    signatureTest: z.boolean().optional(),
  })
  .strict();
export const SaveReportRequest = z
  .object({ html: z.string().max(2_000_000).optional(), suggestedName: z.string().max(200) })
  .strict();

export type BridgeMethod = 'platform' | 'diagnose' | 'flowchart' | 'listReaders' | 'probe' | 'verifySigningPin';

/** Names one bad field the way a person can act on it; never echoes the value (it may be a PIN). */
export class BadRequestError extends Error {
  constructor(
    readonly field: string,
    detail: string,
    /** Why, in both languages, when the check has its own words (strict dates, contradictory facts); never the value. */
    readonly reason?: { ja: string; en: string },
  ) {
    super(`invalid request: ${field}: ${detail}`);
    this.name = 'BadRequestError';
  }
}

export function parseRequest<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(request)';
  const reason = issue?.code === 'custom' ? (issue.params as { localized?: { ja: string; en: string } } | undefined)?.localized : undefined;
  throw new BadRequestError(field, issue?.message ?? 'invalid', reason);
}
