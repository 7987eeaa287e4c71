// Stands in for the `yaml` package inside the CLI and Electron bundles. Parsing
// the rules is most of a `diagnose` run, so:
//  - rules files whose exact text was seen at build time come from a JSON cache
//    next to the bundle (rules-cache.json, keyed by SHA-1 of the text), and
//  - anything else is parsed by js-yaml with the YAML 1.2 core schema, which
//    gives the same data as `yaml` on our rules (tests/build/yamlShim.test.ts).
// Only `parse` is used.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';

export function parseUncached(text) {
  return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
}

export function textKey(text) {
  return createHash('sha1').update(text).digest('hex');
}

let cache;
function cached(key) {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(new URL('./rules-cache.json', import.meta.url), 'utf8'));
    } catch {
      cache = {};
    }
  }
  return cache[key];
}

export function parse(text) {
  const hit = cached(textKey(text));
  // A fresh copy each time, as a parser would return.
  return hit === undefined ? parseUncached(text) : structuredClone(hit);
}
