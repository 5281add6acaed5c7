// "Use your own kubectl" end to end, in Node: the main process's side (electron/main/own-kubectl.ts:
// HTTPS, WebSocket and SPDY on 127.0.0.1, the kubeconfig) and the page's side (the API handler on
// the page's session) joined by a MessageChannel, as Electron joins them with a MessagePort. The
// real kubectl 1.32 drives it; the session sees what kubectl did, and kubectl sees what the
// learner's own terminal did.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiHandler } from '../../server/api-handler';
import { emitterPort, serveOverPort, type ToPage, type ToTransport } from '../../server/api-bridge';
import { followWallTime, type ClockDriver } from '../../server/clock-driver';
import { kubeconfigExportLine, OwnKubectl, parseKubeconfigChoice } from '../../electron/main/own-kubectl';
import { realKubectl, realKubectlInstalled } from '../server/oracle';

describe('the kubeconfig line and file', () => {
  it('is a line a shell takes as it is', () => {
    expect(kubeconfigExportLine('/home/ana/.podlab/kubeconfig', 'linux')).toBe('export KUBECONFIG=/home/ana/.podlab/kubeconfig');
    expect(kubeconfigExportLine("/Users/ana/My Files/it's", 'darwin')).toBe(`export KUBECONFIG='/Users/ana/My Files/it'\\''s'`);
    expect(kubeconfigExportLine('C:\\Users\\ana\\.podlab\\kubeconfig', 'win32')).toBe('$env:KUBECONFIG = "C:\\Users\\ana\\.podlab\\kubeconfig"');
  });

  it('remembers only an absolute path', () => {
    expect(parseKubeconfigChoice({ kubeconfig: '/tmp/k' })).toBe('/tmp/k');
    expect(parseKubeconfigChoice({ kubeconfig: 'C:\\k' })).toBe('C:\\k');
    expect(parseKubeconfigChoice({ kubeconfig: 'relative/k' })).toBeUndefined();
    expect(parseKubeconfigChoice('nonsense')).toBeUndefined();
  });
});

describe('starting', () => {
  it('leaves nothing running when the kubeconfig cannot be written, and says why', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'podlab-own-kubectl-'));
    try {
      const aFile = join(scratch, 'a-file');
      writeFileSync(aFile, '');
      const sent: unknown[] = [];
      const service = new OwnKubectl({
        home: scratch,
        platform: 'linux',
        createChannel: () => {
          const { port1, port2 } = new MessageChannel();
          return { transport: emitterPort<ToPage, ToTransport>(port1), page: port2 };
        },
        sendToPage: (port) => sent.push(port),
      });
      await service.choose(join(aFile, 'kubeconfig'));
      await expect(service.start()).rejects.toThrow(`cannot write the kubeconfig ${join(aFile, 'kubeconfig')}: EEXIST: file already exists, mkdir '${aFile}'`);
      expect(service.info()).toMatchObject({ running: false, server: undefined });
      expect(sent).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

let home: string;
let session: SimSession;
let clock: ClockDriver;
let service: OwnKubectl;
/** Stops the page's side; set each time main hands over a port. */
let stopPage: (() => void) | undefined;

function kubectl(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(realKubectl, args, { env: { PATH: '/usr/bin:/bin', HOME: home, KUBECACHEDIR: join(home, 'cache') }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** A kubectl that keeps running (watch, logs -f); its output so far, and a stop. */
function kubectlRunning(args: string[]): { output(): string; until(text: string, ms?: number): Promise<void>; stop(): Promise<void> } {
  const child: ChildProcess = spawn(realKubectl, args, { env: { PATH: '/usr/bin:/bin', HOME: home, KUBECACHEDIR: join(home, 'cache') } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return {
    output: () => output,
    until: async (text, ms = 15_000) => {
      const deadline = Date.now() + ms;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${output}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: () => (child.kill(), exited),
  };
}

function fetchLocal(port: number, path: string): Promise<{ status?: number; body: string }> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ body: '' }));
  });
}

describe.runIf(realKubectlInstalled())('the real kubectl against the page\'s session, through the bridge', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'podlab-own-kubectl-'));
    session = createSession({ seed: 11 });
    // The page's clock runs with the wall clock, faster, as the app's time controls let it.
    clock = followWallTime(session, 20);
    service = new OwnKubectl({
      home,
      platform: 'linux',
      createChannel: () => {
        const { port1, port2 } = new MessageChannel();
        return { transport: emitterPort<ToPage, ToTransport>(port1), page: port2 };
      },
      sendToPage: (port) => {
        stopPage = serveOverPort(new KubeApiHandler(session), emitterPort<ToTransport, ToPage>(port as MessagePort));
      },
    });
    await service.start();
  });

  afterAll(async () => {
    stopPage?.();
    await service.stop();
    clock.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('writes the kubeconfig to ~/.podlab/kubeconfig, readable by its owner only, and the line to use it', () => {
    const info = service.info();
    expect(info.running).toBe(true);
    expect(info.kubeconfig).toBe(join(home, '.podlab', 'kubeconfig'));
    expect(info.exportLine).toBe(`export KUBECONFIG=${join(home, '.podlab', 'kubeconfig')}`);
    expect(statSync(info.kubeconfig).mode & 0o777).toBe(0o600);
    const text = readFileSync(info.kubeconfig, 'utf8');
    expect(text).toContain('current-context: podlab');
    expect(text).toContain(`server: ${info.server}`);
    expect(info.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  const withKubeconfig = (args: string[]) => ['--kubeconfig', join(home, '.podlab', 'kubeconfig'), ...args];

  it('lists the session\'s nodes', async () => {
    const run = await kubectl(withKubeconfig(['get', 'nodes', '-o', 'name']));
    expect(run.stderr).toBe('');
    const nodes = session.api.list('Node', undefined).map((node) => `node/${node.metadata.name}`);
    expect(run.stdout.trim().split('\n')).toEqual(nodes);
  });

  it('applies a manifest into the session, waits for it, reads its logs and runs commands in it', async () => {
    const manifest = join(home, 'talker.yaml');
    writeFileSync(
      manifest,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: talker',
        'spec:',
        '  containers:',
        '  - name: talker',
        '    image: busybox',
        '    command: ["sh", "-c", "echo hello from the lab; i=0; while true; do i=$((i+1)); echo tick $i; sleep 5; done"]',
        '',
      ].join('\n'),
    );
    const applied = await kubectl(withKubeconfig(['apply', '-f', manifest]));
    expect(applied).toMatchObject({ stdout: 'pod/talker created\n', stderr: '', code: 0 });
    expect(session.api.get('Pod', 'default', 'talker').spec?.containers?.[0]?.image).toBe('busybox');

    const waited = await kubectl(withKubeconfig(['wait', '--for=condition=Ready', 'pod/talker', '--timeout=60s']));
    expect(waited).toMatchObject({ stdout: 'pod/talker condition met\n', code: 0 });

    const logs = await kubectl(withKubeconfig(['logs', 'talker', '--tail=-1']));
    expect(logs.stdout.split('\n')[0]).toBe('hello from the lab');

    const following = kubectlRunning(withKubeconfig(['logs', '-f', 'talker']));
    try {
      const seen = session.api.logs('default', 'talker', {}).length;
      await following.until(`tick ${seen + 1}\n`);
    } finally {
      await following.stop();
    }

    const exec = await kubectl(withKubeconfig(['exec', 'talker', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']));
    expect(exec.stdout).toBe('out\n');
    expect(exec.stderr).toBe('err\ncommand terminated with exit code 3\n');
    expect(exec.code).toBe(3);

    const withInput = await kubectl(withKubeconfig(['exec', '-i', 'talker', '--', 'cat']), 'typed in\n');
    expect(withInput).toMatchObject({ stdout: 'typed in\n', code: 0 });
  }, 60_000);

  it('shows in a watch what the learner does in the lab\'s own terminal', async () => {
    const watching = kubectlRunning(withKubeconfig(['get', 'pods', '--watch', '--output-watch-events']));
    try {
      await watching.until('talker');
      const terminal = session.openTerminal();
      terminal.execute('kubectl run from-the-terminal --image=nginx', () => {});
      await watching.until('Running');
      await watching.until('from-the-terminal');
      expect(watching.output()).toMatch(/^EVENT\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nADDED\s+talker\s+1\/1\s+Running\s+0\s+\d+s\nADDED\s+from-the-terminal\s+0\/1\s+Pending\s+0\s+0s\n/);
    } finally {
      await watching.stop();
    }
  }, 30_000);

  it('forwards a local port to a pod of the session', async () => {
    const run = await kubectl(withKubeconfig(['run', 'web', '--image=nginx']));
    expect(run.stdout).toBe('pod/web created\n');
    await kubectl(withKubeconfig(['wait', '--for=condition=Ready', 'pod/web', '--timeout=60s']));
    const forwarding = kubectlRunning(withKubeconfig(['port-forward', 'pod/web', ':80']));
    try {
      await forwarding.until('Forwarding from 127.0.0.1:');
      const port = Number(/Forwarding from 127\.0\.0\.1:(\d+)/.exec(forwarding.output())![1]);
      const page = await fetchLocal(port, '/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>Welcome to nginx!</title>');
    } finally {
      await forwarding.stop();
    }
  }, 30_000);

  it('stops serving when turned off: kubectl can no longer connect', async () => {
    const address = service.info().server!.replace('https://', '');
    const info = await service.stop();
    expect(info.running).toBe(false);
    const run = await kubectl(withKubeconfig(['get', 'pods', '--request-timeout=5s']));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`The connection to the server ${address} was refused - did you specify the right host or port?\n`);
    await service.start();
    const again = await kubectl(withKubeconfig(['get', 'pods', '-o', 'name']));
    expect(again.stdout).toContain('pod/talker\n');
  }, 30_000);
});

describe.skipIf(realKubectlInstalled())('the real kubectl against the page\'s session', () => {
  it('skipped: /usr/bin/kubectl not installed', () => {
    console.log('skipped: /usr/bin/kubectl not installed');
  });
});
