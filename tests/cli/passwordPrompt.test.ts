import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askLine, PromptAborted, readHiddenPassword, readPasswordLine } from '../../src-main/cli/passwordPrompt';

/** A stand-in terminal: input that claims to be a TTY (with raw mode), output that records what was written. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(this: { rawModes: boolean[] }, on: boolean) {
      this.rawModes.push(on);
      return this;
    },
  });
  const written: string[] = [];
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  output.on('data', (c: Buffer) => written.push(c.toString('utf8')));
  const text = () => written.join('');
  return { input: input as unknown as NodeJS.ReadStream & { rawModes: boolean[] }, output: output as unknown as NodeJS.WriteStream, text };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('askLine (the [y/N] confirmation)', () => {
  it('writes the question as plain text on a terminal: no cursor-control sequences, which the output guard would show as \\u001b garbage', async () => {
    const t = terminal();
    const answer = askLine('確認しますか？ [y/N] ', t.input, t.output);
    await tick();
    t.input.write('y\n');
    await expect(answer).resolves.toBe('y');
    await tick();
    expect(t.text()).toBe('確認しますか？ [y/N] ');
    expect(t.text()).not.toMatch(/\u001b/);
  });

  it('rejects with PromptAborted when input ends before an answer (Ctrl-D, closed pipe)', async () => {
    const t = terminal();
    const answer = askLine('? ', t.input, t.output);
    t.input.end();
    await expect(answer).rejects.toBeInstanceOf(PromptAborted);
  });
});

describe('readHiddenPassword', () => {
  it('never echoes what is typed: only the prompt and a newline reach the terminal; raw mode is switched back off', async () => {
    const t = terminal();
    const pin = readHiddenPassword('パスワード: ', t.input, t.output);
    t.input.write(Buffer.from('abc123\r'));
    await expect(pin).resolves.toBe('abc123');
    await tick();
    expect(t.text()).toBe('パスワード: \n');
    expect(t.input.rawModes).toEqual([true, false]);
  });

  it('Backspace removes the last character, also past the start', async () => {
    const t = terminal();
    const pin = readHiddenPassword('> ', t.input, t.output);
    t.input.write(Buffer.from([0x7f, 0x41, 0x42, 0x58, 0x7f, 0x43, 0x08, 0x43, 0x31, 0x0d])); // ⌫ A B X ⌫ C ^H C 1 ⏎
    await expect(pin).resolves.toBe('ABC1');
  });

  it('Ctrl-C and Ctrl-D abort without returning anything typed so far', async () => {
    for (const abort of [0x03, 0x04]) {
      const t = terminal();
      const pin = readHiddenPassword('> ', t.input, t.output);
      t.input.write(Buffer.from([0x41, 0x31, abort]));
      await expect(pin).rejects.toBeInstanceOf(PromptAborted);
      expect(t.input.rawModes).toEqual([true, false]);
    }
  });

  it('refuses a standard input that is not a terminal (the password would be visible or scripted)', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    await expect(readHiddenPassword('> ', input, terminal().output)).rejects.toThrow('not a terminal');
  });
});

describe('readPasswordLine (--pin-stdin)', () => {
  it('takes only the first line, with LF or CRLF endings, and leaves the rest unread', async () => {
    const lf = new PassThrough();
    lf.end('Abc123\nsecond line\n');
    await expect(readPasswordLine(lf)).resolves.toBe('Abc123');
    const crlf = new PassThrough();
    crlf.end('Abc123\r\n');
    await expect(readPasswordLine(crlf)).resolves.toBe('Abc123');
  });

  it('joins a line that arrives in pieces, and takes a last line without a newline', async () => {
    const pieces = new PassThrough();
    const line = readPasswordLine(pieces);
    pieces.write('Ab');
    await tick();
    pieces.end('c123');
    await expect(line).resolves.toBe('Abc123');
  });

  it('stops at 65 bytes, so an endless stream (/dev/zero) cannot grow it and the format check refuses the over-long result', async () => {
    const endless = new PassThrough();
    const line = readPasswordLine(endless);
    endless.write('A'.repeat(200));
    await expect(line).resolves.toHaveLength(65);
    endless.destroy();
  });
});
