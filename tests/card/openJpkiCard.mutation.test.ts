import { beforeAll, describe, expect, it } from 'vitest';
import { openJpkiCard } from '../../src-main/card/openJpkiCard';
import { buildScenario } from '../../src-main/emulator/scenarios';
import { VirtualCard } from '../../src-main/emulator/virtualCard';
import { fakePort } from '../helpers/fakePort';

/** Which readers openJpkiCard touches when it looks for the card itself. */
const NOW = new Date('2026-11-25T03:00:00Z');

beforeAll(async () => {
  await buildScenario('healthy', NOW); // warms the cert factory's key cache
}, 60000);

describe('openJpkiCard without a named reader', () => {
  it('never connects to a reader without a card (a built-in NFC reader next to the contact one)', async () => {
    const card = new VirtualCard(await buildScenario('healthy', NOW));
    const session = await fakePort([{ name: 'NFC (empty)' }, { name: 'Contact', card }]).open();
    const connects: string[] = [];
    const connect = session.connect.bind(session);
    session.connect = (name, timeoutMs) => {
      connects.push(name);
      return connect(name, timeoutMs);
    };
    const choice = await openJpkiCard(session, { timeoutMs: 1000 });
    expect(choice.opened?.channel.reader).toBe('Contact');
    expect(choice.opened?.jpkiApplet).toBe(true);
    expect(connects).toEqual(['Contact']);
    expect(choice.readers).toEqual([
      { name: 'NFC (empty)', cardPresent: false },
      { name: 'Contact', cardPresent: true },
    ]);
  });
});
