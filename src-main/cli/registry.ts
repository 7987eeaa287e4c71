import { PROBE_CHILD_COMMAND } from './probeInChild';
import { SIGN_TEST_CHILD_COMMAND } from './signTestInChild';

/** A subcommand: gets its own arguments, returns the exit code. */
export interface Command {
  run(argv: string[]): Promise<number>;
  /** One line for the top-level help. */
  summary?: { ja: string; en: string };
}

/**
 * Subcommands load lazily so one command's heavy imports (pcsclite, pkijs…)
 * do not slow the others. To add one: create commands/<name>.ts exporting
 * `run` and add a line here.
 */
export const commands: Record<string, () => Promise<Command>> = {
  diagnose: () => import('./commands/diagnose'),
  probe: () => import('./commands/probe'),
  check: () => import('./commands/check'),
  emulate: () => import('./commands/emulate'),
  // Hidden: the child process probe/check read the card in (see probeInChild.ts).
  [PROBE_CHILD_COMMAND]: async () => ({ run: (await import('./probeInChild')).runProbeChild }),
  // Hidden: the child process check --sign-test checks the password in (see signTestInChild.ts).
  [SIGN_TEST_CHILD_COMMAND]: async () => ({ run: (await import('./signTestInChild')).runSignTestChild }),
};
