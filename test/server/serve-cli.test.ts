// `podlab serve` as a learner runs it: the banner with the export line, a kubeconfig only its owner
// can read, the real kubectl working with it, and Ctrl-C stopping it.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../server/serve';
import { realKubectlInstalled, realKubectl } from './oracle';

const dir = mkdtempSync(join(tmpdir(), 'podlab-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('podlab serve options', () => {
  it('defaults to port 6443, ~/.podlab/kubeconfig and real time', () => {
    const options = parseServeArgs([]);
    expect(options).toMatchObject({ port: 6443, speed: 1, shell: false });
    expect(typeof options === 'object' && options.kubeconfig.endsWith(join('.podlab', 'kubeconfig'))).toBe(true);
  });

  it('takes --port, --kubeconfig and --speed', () => {
    expect(parseServeArgs(['--port', '7443', '--kubeconfig=/tmp/k', '--speed', '10'])).toMatchObject({ port: 7443, kubeconfig: '/tmp/k', speed: 10 });
  });

  it('refuses a bad port or an unknown option', () => {
    expect(parseServeArgs(['--port', 'x'])).toBe('podlab serve: option --port needs a number\n');
    expect(parseServeArgs(['--port', '70000'])).toBe("podlab serve: invalid port '70000'\n");
    expect(parseServeArgs(['--tls'])).toMatch(/^podlab serve: unknown option '--tls'\nUsage: podlab serve/);
  });
});

function kubectl(kubeconfig: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(realKubectl, args, { env: { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
    });
  });
}

describe.runIf(realKubectlInstalled())('podlab serve with the real kubectl', () => {
  it('prints the export line, serves the cluster to kubectl and stops on Ctrl-C', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/podlab.ts', 'serve', '--port', '0', '--kubeconfig', kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Press Ctrl-C to stop.') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    try {
      expect(out).toContain(`  export KUBECONFIG=${kubeconfig}\n`);
      expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
      const config = readFileSync(kubeconfig, 'utf8');
      expect(config).toMatch(/server: https:\/\/127\.0\.0\.1:\d+\n/);
      expect(config).toContain('current-context: podlab\n');
      const namespaces = await kubectl(kubeconfig, ['get', 'namespaces', '-o', 'name']);
      expect(namespaces.stdout).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
      const wrongToken = await kubectl(kubeconfig, ['get', 'pods', '--token', 'not-the-token']);
      expect(wrongToken.stderr).toBe('error: You must be logged in to the server (Unauthorized)\n');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 90_000);
});
