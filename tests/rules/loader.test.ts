import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diagnose, loadRules, RuleLoadError } from '../../src-main/engine';

const REPO = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];

/** A copy of the real rules (and assets) in a temp dir, to break one thing at a time. */
function copyRules(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'jpki-rules-'));
  temps.push(root);
  cpSync(path.join(REPO, 'rules'), path.join(root, 'rules'), { recursive: true });
  cpSync(path.join(REPO, 'assets'), path.join(root, 'assets'), { recursive: true });
  return path.join(root, 'rules');
}

function edit(file: string, change: (doc: any) => void) {
  const doc = parse(readFileSync(file, 'utf8'));
  change(doc);
  writeFileSync(file, stringify(doc));
}

function loadError(dir: string): RuleLoadError {
  try {
    loadRules(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleLoadError);
    return e as RuleLoadError;
  }
  throw new Error('expected loadRules to fail');
}

afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe('loadRules', () => {
  it('loads the real rules/ directory cleanly', () => {
    const rules = loadRules();
    expect(rules.dir).toBe(path.join(REPO, 'rules'));
    expect(rules.byId.size).toBeGreaterThanOrEqual(19);
    expect(rules.questions.length).toBeGreaterThan(5);
  });

  it('finds rules/ relative to the module, not the working directory (a process started elsewhere)', () => {
    // A child process, because vitest's worker threads cannot change directory.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const loader = pathToFileURL(path.join(REPO, 'src-main/engine/loadRules.ts')).href;
    const script = `const m = await import(${JSON.stringify(loader)}); const r = m.loadRules(); console.log(JSON.stringify({ dir: r.dir, rules: r.byId.size }));`;
    const out = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' });
    const loaded = JSON.parse(out);
    expect(loaded.dir).toBe(path.join(REPO, 'rules'));
    expect(loaded.rules).toBeGreaterThanOrEqual(19);
  });

  it('every step asset named in the rules exists under assets/', () => {
    const rules = loadRules();
    const assets = [...rules.steps.values()].flatMap((s) => (s.asset ? [s.asset] : []));
    expect(new Set(assets)).toEqual(
      new Set(['card-orientation.svg', 'pin-kinds.svg', 'kiosk-reset-flow.svg', 'mac-keychain-dialog.svg', 'counter-visit.svg', 'reader-replug.svg']),
    );
  });

  it('bad YAML names the file', () => {
    const dir = copyRules();
    writeFileSync(path.join(dir, 'diagnoses/pin.yaml'), 'diagnoses:\n  - id: [unclosed\n');
    const e = loadError(dir);
    expect(e.message).toMatch(/^rules\/diagnoses\/pin\.yaml: invalid YAML/);
  });

  it('a schema violation names file, rule and field', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/pin.yaml'), (doc) => {
      doc.diagnoses[1].severity = 'fatal';
    });
    const e = loadError(dir);
    expect(e.message).toMatch(/^rules\/diagnoses\/pin\.yaml: rule "pin-kind-confusion": severity: /);
  });

  it('a missing Japanese text is a schema violation', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/cert.yaml'), (doc) => {
      delete doc.diagnoses[0].title.ja;
    });
    expect(loadError(dir).message).toMatch(/rules\/diagnoses\/cert\.yaml: rule "no-signing-cert": title\.ja: /);
  });

  it('an unknown fact in a condition names file, rule and path', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/pin.yaml'), (doc) => {
      const wrong = doc.diagnoses.find((d: any) => d.id === 'sign-pin-wrong');
      wrong.when = { all: [{ fact: 'errorCode', eq: 'ICF4031' }, { fact: 'signPinTries', gt: 0 }] };
    });
    expect(loadError(dir).message).toBe('rules/diagnoses/pin.yaml: rule "sign-pin-wrong": when.all[1].fact: unknown fact "signPinTries"');
  });

  it('an unknown fact in an evidence placeholder is reported', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/pin.yaml'), (doc) => {
      doc.diagnoses[0].evidence[0].text.en = 'Tries: {signPinTries}';
    });
    expect(loadError(dir).message).toMatch(/rule "sign-pin-locked": evidence\[0\]\.text\.en: placeholder \{signPinTries\}: unknown fact/);
  });

  it('a step referring to a missing asset fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'steps.yaml'), (doc) => {
      doc.steps['reader-replug'].asset = 'reader-unplug.svg';
    });
    expect(loadError(dir).message).toMatch(/^rules\/steps\.yaml: rule "reader-replug": asset: asset file "reader-unplug\.svg" not found/);
  });

  it('an alternative group (alternativeGroup) with one step fails, naming the step; a bad group name is a schema violation', () => {
    const dir = copyRules();
    edit(path.join(dir, 'steps.yaml'), (doc) => {
      delete doc.steps['switch-face-auth'].alternativeGroup;
    });
    const e = loadError(dir);
    expect(e.message).toMatch(/^rules\/steps\.yaml: rule "counter-new-signing": alternativeGroup: "get-signing-cert" names no other step/);
    const dir2 = copyRules();
    edit(path.join(dir2, 'steps.yaml'), (doc) => {
      doc.steps['switch-face-auth'].alternativeGroup = 'Get Signing Cert';
    });
    expect(loadError(dir2).message).toMatch(/switch-face-auth.*alternativeGroup/);
  });

  it('an asset deleted from assets/ fails too', () => {
    const dir = copyRules();
    rmSync(path.join(dir, '../assets/pin-kinds.svg'));
    expect(loadError(dir).message).toMatch(/"pin-kinds\.svg" not found/);
  });

  it('a diagnosis referring to an unknown step fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/environment.yaml'), (doc) => {
      doc.diagnoses[0].steps.push('reboot-everything');
    });
    const n = parse(readFileSync(path.join(dir, 'diagnoses/environment.yaml'), 'utf8')).diagnoses[0].steps.length - 1;
    expect(loadError(dir).message).toBe(`rules/diagnoses/environment.yaml: rule "pcsc-service-down": steps[${n}]: unknown step "reboot-everything" (not in steps.yaml)`);
  });

  it('a reference to an unknown diagnosis fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/environment.yaml'), (doc) => {
      doc.diagnoses[1].when.all[0] = { notDiagnosis: 'pcsc-down' };
    });
    expect(loadError(dir).message).toMatch(/rule "no-reader": when: unknown diagnosis "pcsc-down"/);
  });

  it('circular rule dependencies fail', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/environment.yaml'), (doc) => {
      doc.diagnoses[0].when = { all: [{ notDiagnosis: 'no-reader' }, { fact: 'pcscService', eq: 'unavailable' }] };
    });
    expect(loadError(dir).message).toMatch(/circular dependency/);
  });

  it('a duplicate diagnosis id fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/outcome.yaml'), (doc) => {
      doc.diagnoses[0].id = 'no-reader';
    });
    expect(loadError(dir).message).toMatch(/rule "no-reader": id: duplicate diagnosis id/);
  });

  it('a diagnosis missing from the flowchart fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'flowchart.yaml'), (doc) => {
      doc.nodes = doc.nodes.filter((n: any) => n.id !== 'juki-card');
      doc.edges = doc.edges.filter((e: any) => e.to !== 'juki-card');
    });
    expect(loadError(dir).message).toMatch(/^rules\/flowchart\.yaml: rule "juki-card": nodes: diagnosis "juki-card" has no node/);
  });

  it('a flowchart edge to an unknown node fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'flowchart.yaml'), (doc) => {
      doc.edges.push({ from: 'start', to: 'nowhere' });
    });
    expect(loadError(dir).message).toMatch(/edges\[\d+\]\.to: unknown node "nowhere"/);
  });

  it('a question whose option is not a value of its fact fails', () => {
    const dir = copyRules();
    edit(path.join(dir, 'questions.yaml'), (doc) => {
      doc.questions.find((q: any) => q.fact === 'enteredPinKind').options[0].value = 'five-digit';
    });
    expect(loadError(dir).message).toMatch(/^rules\/questions\.yaml: rule "enteredPinKind": options\[0\]\.value: "five-digit" is not a possible value/);
  });

  it('a question waiting for an unknown fact (askAfter) fails; a real one loads and is not leaked into the question', () => {
    const dir = copyRules();
    edit(path.join(dir, 'questions.yaml'), (doc) => {
      doc.questions.find((q: any) => q.fact === 'faceAuthCard').askAfter = ['signCertificate'];
    });
    expect(loadError(dir).message).toMatch(/^rules\/questions\.yaml: rule "faceAuthCard": askAfter\[0\]: unknown fact "signCertificate"/);
    const real = loadRules();
    expect(real.askAfter?.get('faceAuthCard')).toEqual(['signCert']);
    expect(real.questions.find((q) => q.fact === 'faceAuthCard')).not.toHaveProperty('askAfter');
  });

  it('a missing rule file fails', () => {
    const dir = copyRules();
    rmSync(path.join(dir, 'timing.yaml'));
    expect(loadError(dir).message).toMatch(/^rules\/timing\.yaml: cannot read file \(ENOENT\)/);
  });

  it('a diagnosis without sources or basis fails, naming file, rule and field', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/cert.yaml'), (doc) => {
      delete doc.diagnoses[0].sources;
      delete doc.diagnoses[0].basis;
    });
    expect(loadError(dir).message).toBe(
      'rules/diagnoses/cert.yaml: rule "no-signing-cert": sources: missing: cite `sources: [id, …]` (ids from rules/sources.yaml) or say `basis: practice`',
    );
  });

  it('a source id not in the catalogue fails, naming the rule and the list position', () => {
    const dir = copyRules();
    edit(path.join(dir, 'diagnoses/cert.yaml'), (doc) => {
      doc.diagnoses[0].sources = [doc.diagnoses[0].sources[0], 'made-up-page'];
    });
    expect(loadError(dir).message).toBe('rules/diagnoses/cert.yaml: rule "no-signing-cert": sources[1]: unknown source "made-up-page" (not in rules/sources.yaml)');
  });

  it('a step without sources or basis fails, naming the step', () => {
    const dir = copyRules();
    edit(path.join(dir, 'steps.yaml'), (doc) => {
      delete doc.steps['kiosk-reset'].sources;
      delete doc.steps['kiosk-reset'].basis;
    });
    expect(loadError(dir).message).toBe(
      'rules/steps.yaml: rule "kiosk-reset": sources: missing: cite `sources: [id, …]` (ids from rules/sources.yaml) or say `basis: practice`',
    );
  });

  it('a timing entry without sources or basis fails, and a basis other than practice is refused', () => {
    const dir = copyRules();
    edit(path.join(dir, 'timing.yaml'), (doc) => {
      delete doc.kiosk.sources;
      delete doc.kiosk.basis;
    });
    expect(loadError(dir).message).toMatch(/^rules\/timing\.yaml: rule "kiosk": sources: missing/);
    const dir2 = copyRules();
    edit(path.join(dir2, 'timing.yaml'), (doc) => {
      doc.newCertificateWait.basis = 'hearsay';
    });
    expect(loadError(dir2).message).toMatch(/^rules\/timing\.yaml: newCertificateWait\.basis: the only basis is "practice"/);
  });

  it('a catalogue entry must be https and dated', () => {
    const dir = copyRules();
    edit(path.join(dir, 'sources.yaml'), (doc) => {
      const first = Object.keys(doc.sources)[0]!;
      doc.sources[first].url = 'http://example.jp/page';
    });
    expect(loadError(dir).message).toMatch(/^rules\/sources\.yaml: rule "[a-z0-9-]+": url: must be an https:\/\/ address/);
  });

  it('every diagnosis, step and timing entry in rules/ rests on sources or says practice, and cites only catalogued pages', () => {
    const rules = loadRules();
    const all = [...rules.diagnoses.map((d) => [d.id, d.grounds] as const), ...[...rules.steps.values()].map((s) => [s.id, s.grounds] as const), ['counter', rules.timing.counter.grounds] as const, ['kiosk', rules.timing.kiosk.grounds] as const, ['newCertificateWait', rules.timing.newCertificateWait.grounds] as const];
    for (const [id, g] of all) {
      expect(g.sources.length > 0 || g.practice, id).toBe(true);
      for (const s of g.sources) expect(rules.sources.get(s)?.url, `${id} → ${s}`).toMatch(/^https:\/\//);
    }
  });

  it('a new diagnosis needs no engine change', () => {
    const dir = copyRules();
    writeFileSync(
      path.join(dir, 'diagnoses/extra.yaml'),
      stringify({
        diagnoses: [
          {
            id: 'linux-user',
            severity: 'info',
            priority: 300,
            title: { ja: 'Linux です', en: 'Linux' },
            summary: { ja: 'Linux で動いています。', en: 'Running on Linux.' },
            when: { fact: 'platform', eq: 'linux' },
            evidence: [{ text: { ja: '{platform}', en: 'platform {platform}' } }],
            steps: ['run-card-check'],
            basis: 'practice',
          },
        ],
      }),
    );
    edit(path.join(dir, 'flowchart.yaml'), (doc) => {
      doc.nodes.push({ id: 'linux-user', kind: 'diagnosis', label: { ja: 'L', en: 'L' }, explain: { ja: 'L', en: 'L' } });
      // Every node must be reachable from the start (validateFlowchart).
      doc.edges.push({ from: doc.nodes.find((n: { kind: string }) => n.kind === 'start').id, to: 'linux-user' });
    });
    const rules = loadRules(dir);
    const found = diagnose({ now: '2026-01-14T10:00:00+09:00', platform: 'linux' }, rules).diagnoses.find((d) => d.id === 'linux-user');
    expect(found?.evidence[0]?.en).toBe('platform linux');
  });
});
