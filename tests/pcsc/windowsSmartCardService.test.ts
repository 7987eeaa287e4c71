import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseGetServiceStartType,
  parseScQc,
  smartCardServiceStartType,
} from '../../src-main/pcsc/windowsSmartCardService';

// Outputs in the layout sc.exe and PowerShell print them, with CRLF line ends; the
// Japanese ones are in code page 932 (Shift_JIS), as a Japanese console writes them.
// The adapter decodes everything as latin1, so we do the same here.
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name)).toString('latin1');

describe('sc qc SCardSvr', () => {
  it.each([
    ['sc-qc-en-demand.txt', 'manual'],
    ['sc-qc-ja-demand.cp932.txt', 'manual'],
    ['sc-qc-en-auto.txt', 'automatic'],
    ['sc-qc-en-disabled.txt', 'disabled'],
    ['sc-qc-ja-disabled.cp932.txt', 'disabled'],
    ['sc-qc-ja-denied.cp932.txt', 'unknown'],
    ['sc-qc-en-missing.txt', 'unknown'],
  ])('%s → %s', (file, expected) => {
    expect(parseScQc(fixture(file))).toBe(expected);
  });

  it('reads the number, not the words (the Japanese display name arrives as code-page bytes)', () => {
    const text = fixture('sc-qc-ja-disabled.cp932.txt');
    expect(text).not.toContain('スマート');
    expect(parseScQc(text.replace('DISABLED', '????'))).toBe('disabled');
  });
});

describe('Get-Service start type', () => {
  it.each([
    ['get-service-disabled.txt', 'disabled'],
    ['get-service-manual.txt', 'manual'],
  ])('%s → %s', (file, expected) => {
    expect(parseGetServiceStartType(fixture(file))).toBe(expected);
  });
  it('says unknown for anything else', () => {
    expect(parseGetServiceStartType('Get-Service : Cannot find any service with service name')).toBe('unknown');
  });
});

describe('smartCardServiceStartType', () => {
  it('asks sc.exe first and stops there when it answers', async () => {
    const calls: string[] = [];
    const state = await smartCardServiceStartType(async (file, args) => {
      calls.push([file, ...args].join(' '));
      return fixture('sc-qc-ja-disabled.cp932.txt');
    });
    expect(state).toBe('disabled');
    expect(calls).toEqual(['sc.exe qc SCardSvr']);
  });

  it('falls back to PowerShell when sc.exe gives no start type, and to unknown when both fail', async () => {
    const fallback = await smartCardServiceStartType(async (file) =>
      file === 'sc.exe' ? fixture('sc-qc-ja-denied.cp932.txt') : fixture('get-service-manual.txt'),
    );
    expect(fallback).toBe('manual');
    const none = await smartCardServiceStartType(async () => {
      throw new Error('spawn ENOENT');
    });
    expect(none).toBe('unknown');
  });
});
