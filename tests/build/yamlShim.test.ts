import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
// @ts-expect-error plain ESM module without types (used only by the bundles)
import { parse as bundledParse } from '../../scripts/bundle/yaml-core.mjs';

// The CLI and Electron bundles parse the rules with js-yaml (core schema) instead
// of `yaml`, to start faster. They must see exactly the same data.
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [],
  );
}

describe('bundle YAML parser', () => {
  const files = yamlFiles('rules');
  it('covers the rules folder', () => {
    expect(files.length).toBeGreaterThan(8);
  });
  it.each(files)('%s parses to the same data as the yaml package', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(bundledParse(text)).toStrictEqual(parse(text));
  });
  it('keeps YAML 1.2 core scalars: dates stay strings, yes/no stay strings', () => {
    const text = 'checked: 2026-11-27\nanswer: yes\nflag: true\nn: 010\n';
    expect(bundledParse(text)).toStrictEqual(parse(text));
    expect(bundledParse(text)).toMatchObject({ checked: '2026-11-27', answer: 'yes', flag: true });
  });
});
