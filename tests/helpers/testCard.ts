import { listReaders } from '../../src-main/card/readers';
import { startEmulator, type EmulatorFaults, type EmulatorHandle } from '../../src-main/emulator';

/**
 * Our integration tests use vpcd's second slot (port 35964, reader "Virtual PCD 00 01")
 * so that they do not collide with other suites (e2e) that use the first one.
 */
export const TEST_VPCD_PORT = Number(process.env.JPKI_TEST_VPCD_PORT ?? 35964);
export const TEST_READER = process.env.JPKI_TEST_READER ?? `Virtual PCD 00 0${TEST_VPCD_PORT - 35963}`;

export async function waitForCard(present: boolean, reader = TEST_READER, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { readers } = await listReaders();
    const r = readers.find((x) => x.name === reader);
    if (r && r.cardPresent === present) return;
    if (Date.now() > deadline) {
      throw new Error(`reader "${reader}" did not show ${present ? 'a card' : 'an empty slot'} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const running = new Set<EmulatorHandle>();

/** Inserts a virtual card in the test slot and waits until pcscd reports it. */
export async function insertTestCard(
  scenario: string,
  options: { faults?: EmulatorFaults; now?: Date } = {},
): Promise<EmulatorHandle> {
  await waitForCard(false);
  const handle = await startEmulator({ scenario, port: TEST_VPCD_PORT, ...options });
  running.add(handle);
  await waitForCard(true);
  return handle;
}

export async function removeTestCard(handle: EmulatorHandle): Promise<void> {
  running.delete(handle);
  await handle.stop();
  await waitForCard(false);
}

/** For afterEach: stops whatever a failed test left inserted. */
export async function removeAllTestCards(): Promise<void> {
  for (const handle of [...running]) await removeTestCard(handle);
}
