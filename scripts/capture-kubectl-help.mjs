#!/usr/bin/env node
// Captures `kubectl <command> --help` of the real kubectl for every command of its tree (found by
// following "Available Commands:"), plus `kubectl`, `kubectl options` and its output, into
// sim/kubectl/data/kubectl-help.json, which the lab's kubectl prints and reads its flags from.
// Re-run after changing the kubectl version: KUBECTL=/path/to/kubectl node scripts/capture-kubectl-help.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kubectl = process.env.KUBECTL ?? '/usr/bin/kubectl';
const out = join(dirname(fileURLToPath(import.meta.url)), '../sim/kubectl/data/kubectl-help.json');
// HOME is fixed: `kubectl options` shows the cache directory under it; the lab puts the learner's home there.
const run = (args) => execFileSync(kubectl, args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: '/root' }, timeout: 30_000 });

function commandsListed(text, heading) {
  const names = [];
  let inside = false;
  for (const line of text.split('\n')) {
    if (heading.test(line)) inside = true;
    else if (inside && line === '') inside = false;
    else if (inside) names.push(line.trim().split(/\s+/)[0]);
  }
  return names;
}

// `kubectl options` prints the global flags; its help is captured with the other commands.
const help = { kubectl: run([]), 'kubectl options output': run(['options']) };
function capture(path) {
  const text = run([...path, '--help']);
  help[['kubectl', ...path].join(' ')] = text;
  for (const sub of commandsListed(text, /^Available Commands:$/)) capture([...path, sub]);
}
// The root help lists its commands under headings such as "Basic Commands (Beginner):".
for (const name of commandsListed(help.kubectl, /^[A-Z][^:]*Commands[^:]*:$/)) capture([name]);
capture(['options']);
writeFileSync(out, JSON.stringify(help, null, 1) + '\n');
console.log(`${Object.keys(help).length} help texts written to ${out}`);
