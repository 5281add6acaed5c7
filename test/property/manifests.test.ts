// Manifests a learner might paste or craft: half-finished, mutated, hostile. `kubectl apply -f`
// answers each in bounded time with kubectl's own error, and a refused file changes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterListing, crashIn, terminalDriver, type TerminalDriver } from './terminal-driver';
import { hostileManifests } from './hostile-manifests';

export const mutatedManifestRuns = 400;
export const randomTextRuns = 300;
/** Generous for a loaded CI machine; the figures in docs/robustness.md are far lower. */
const timeLimitMs = 2000;

const goldenPath = 'test/golden-files/property/hostile-manifests.tsv';
const golden = new Map(
  readFileSync(goldenPath, 'utf8')
    .trimEnd()
    .split('\n')
    .map((row) => row.split('\t') as [string, string]),
);

interface Applied {
  output: string;
  exitCode: number | undefined;
  wallMs: number;
  before: string[];
  after: string[];
}

function applyFile(driver: TerminalDriver, name: string, content: string, command = `kubectl apply -f ${name}`): Applied {
  driver.session.workspace.writeFile(`/${name}`, content);
  const before = clusterListing(driver.session);
  const started = performance.now();
  const result = driver.run(command, 10_000);
  const wallMs = performance.now() - started;
  expect(result.thrown, `kubectl threw on ${name}`).toBeUndefined();
  expect(crashIn(result.output), result.output).toBeUndefined();
  return { output: result.output, exitCode: result.exitCode, wallMs, before, after: clusterListing(driver.session) };
}

/** Objects that changed are exactly those kubectl says it created or configured. */
function changesReported(applied: Applied): void {
  const before = new Set(applied.before);
  const changed = applied.after.filter((row) => !before.has(row)).map((row) => row.split(' ').slice(0, 2).join(' '));
  const reported = [...applied.output.matchAll(/^([a-z.]+)\/(\S+) (created|configured)$/gm)].map((m) => m[2]);
  for (const row of changed) {
    const name = row.slice(row.indexOf('/') + 1);
    expect(reported, `changed without saying so: ${row}\n${applied.output}`).toContain(name);
  }
}

function setupDriver(): TerminalDriver {
  const driver = terminalDriver(3);
  driver.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  driver.session.clock.advanceBy(30_000);
  return driver;
}

describe('hostile manifests', () => {
  const driver = setupDriver();
  for (const [name, content] of Object.entries(hostileManifests)) {
    it(`${name} is refused quickly and changes nothing`, () => {
      const applied = applyFile(driver, name, content);
      expect(applied.exitCode).toBe(1);
      expect(applied.output).toMatch(/^error: /);
      expect(applied.wallMs).toBeLessThan(timeLimitMs);
      expect(applied.after).toEqual(applied.before);
      const expected = golden.get(name);
      if (expected !== undefined) expect(applied.output.trimEnd()).toBe(expected);
    });
  }

  it('a document over the API server request limit is refused before parsing', () => {
    const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: "' + 'y'.repeat(4_000_000) + '"\n';
    const applied = applyFile(driver, 'big.yaml', big);
    expect(applied.output).toBe('error: error when creating "big.yaml": Request entity too large: limit is 3145728\n');
    expect(applied.wallMs).toBeLessThan(timeLimitMs);
    expect(applied.after).toEqual(applied.before);
  });

  it('thousands of junk documents stop at the first error', () => {
    const junk = Array.from({ length: 3000 }, (_, i) => `kind: Pod\nmetadata:\n  name: junk${i}\n`).join('---\n');
    const applied = applyFile(driver, 'many.yaml', junk);
    expect(applied.output).toBe(
      'error: error validating "many.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(applied.wallMs).toBeLessThan(timeLimitMs * 2);
    expect(applied.after).toEqual(applied.before);
  });

  it.skipIf(!existsSync('/usr/bin/kubectl'))('the golden messages are what kubectl 1.32 prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-hostile-'));
    for (const [name, expected] of golden) {
      writeFileSync(join(dir, name), hostileManifests[name], 'latin1');
      let output: string;
      try {
        output = execFileSync('/usr/bin/kubectl', ['create', '-f', name, '--dry-run=client', '-o', 'name', '--validate=false'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        output = String((error as { stderr?: string }).stderr ?? '');
      }
      expect(output.trimEnd(), name).toBe(expected);
    }
  });
});

/**
 * kubectl's failure texts. `Pod "" is invalid` (no `The `) is the simulator's known divergence for
 * a manifest without a name; real kubectl apply reports `resource name may not be empty`.
 */
const failureShape = /^(error: |Error from server|The [A-Za-z]+ "[^"]*" is invalid: |Warning: |[A-Za-z]+ "" is invalid: )/m;

const basePod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'fuzz', labels: { app: 'fuzz' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'sleep 3600'],
        ports: [{ containerPort: 80 }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        livenessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
        env: [{ name: 'A', value: 'b' }],
      },
    ],
    restartPolicy: 'Always',
  },
};
const baseConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fuzz-config' }, data: { key: 'value' } };

type Tree = Record<string, unknown> | unknown[];

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => paths((value as Record<string, unknown>)[key as string], [...prefix, key]))];
}

const junkValue = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 3 }),
  fc.integer({ min: 1, max: 300 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
);

type Mutation = { kind: 'delete' | 'replace'; pathIndex: number; value: unknown } | { kind: 'text'; op: 'truncate' | 'duplicate-line' | 'insert' | 'indent'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'replace' as const), pathIndex: fc.nat(), value: junkValue }),
  fc.record({ kind: fc.constant('text' as const), op: fc.constantFrom('truncate' as const, 'duplicate-line' as const, 'insert' as const, 'indent' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(':', '- ', '&a ', '*a', '!!binary ', '{', '[', '"', "'", '\t', '---\n', '|', '>', '? ', '%YAML 1.2\n')) }),
);

function mutate(base: Tree, mutations: Mutation[]): string {
  const tree = JSON.parse(JSON.stringify(base)) as Tree;
  let text: string | undefined;
  for (const m of mutations) {
    if (m.kind !== 'text') {
      const all = paths(tree).filter((p) => p.length > 0);
      const path = all[m.pathIndex % all.length];
      let parent: any = tree;
      for (const key of path.slice(0, -1)) parent = parent[key];
      const last = path[path.length - 1];
      if (m.kind === 'delete') {
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete parent[last];
      } else parent[last] = m.value;
      continue;
    }
    text ??= stringify(tree);
    const at = m.at % (text.length + 1);
    if (m.op === 'truncate') text = text.slice(0, at);
    else if (m.op === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
    else if (m.op === 'indent') text = text.slice(0, at) + '\n  ' + text.slice(at);
    else {
      const lines = text.split('\n');
      const index = m.at % lines.length;
      lines.splice(index, 0, lines[index]);
      text = lines.join('\n');
    }
  }
  return text ?? stringify(tree);
}

describe('mutated manifests', () => {
  it(`kubectl apply of a mutated Pod or ConfigMap answers in bounded time and changes only what it reports (${mutatedManifestRuns} cases)`, () => {
    const driver = setupDriver();
    let slowest = 0;
    fc.assert(
      fc.property(fc.constantFrom<Tree>(basePod, baseConfigMap), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (base, mutations, asJson) => {
        let text = mutate(base, mutations);
        if (asJson && mutations.every((m) => m.kind !== 'text')) text = JSON.stringify(JSON.parse(JSON.stringify(base)));
        const applied = applyFile(driver, 'fuzz.yaml', text);
        slowest = Math.max(slowest, applied.wallMs);
        expect(applied.wallMs).toBeLessThan(timeLimitMs);
        if (applied.exitCode !== 0) expect(applied.output).toMatch(failureShape);
        changesReported(applied);
      }),
      { numRuns: mutatedManifestRuns, seed: Number(process.env.PODLAB_PROPERTY_SEED ?? 8) },
    );
    console.log(`mutated manifests: slowest apply ${slowest.toFixed(0)} ms`);
  });

  it(`random text and bytes as a manifest are refused and change nothing (${randomTextRuns} cases)`, () => {
    const driver = setupDriver();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom(...'abc:-[]{}&*!|>#\'" \n\t'), maxLength: 200 })), (text) => {
        const applied = applyFile(driver, 'random.yaml', text);
        expect(applied.wallMs).toBeLessThan(timeLimitMs);
        if (applied.exitCode !== 0) expect(applied.output).toMatch(/^error: /m);
        changesReported(applied);
      }),
      { numRuns: randomTextRuns, seed: Number(process.env.PODLAB_PROPERTY_SEED ?? 9) },
    );
  });
});
