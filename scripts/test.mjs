// `npm test`: type-checks every layer, runs the unit, golden and scenario tests, validates the
// course, then runs the browser and Electron end-to-end tests (each says when it has to skip).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  // The CLI bundle and the built renderer are what some tests start (podlab, npm start's fallback).
  { name: 'build', command: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'type-check', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'unit, golden and scenario tests', command: 'npx', args: ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'] },
  { name: 'course validation', command: 'npm', args: ['run', '--silent', 'lessons:check'] },
  { name: 'browser end-to-end tests', command: 'npm', args: ['run', '--silent', 'test:e2e'], optional: 'test:e2e' },
  { name: 'electron end-to-end test', command: 'npm', args: ['run', '--silent', 'test:electron'], optional: 'test:electron' },
];

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
let passed = 0;
let failed = 0;
const failures = [];
rmSync('test-results/vitest.json', { force: true });
for (const step of steps) {
  if (step.optional && !scripts[step.optional]) continue;
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (step.name.startsWith('unit') && existsSync('test-results/vitest.json')) {
    const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  } else if (result.status === 0) {
    passed += 1;
  } else {
    failed += 1;
  }
  if (result.status !== 0) failures.push(step.name);
}
console.log('');
if (failures.length > 0) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);
