// The objects the real kubectl's typed clients send as protobuf come out of the served API as the
// lab's own kubectl makes them: `kubectl debug --copy-to`, `kubectl debug node/NAME` and `kubectl
// create deployment|job|cronjob` store the same object on both sides of identically seeded clusters.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, type SimSession } from '../../sim/session';
import { runScript } from '../../cli/podlab';
import { MemFs } from '../../sim/fs/memfs';
import { KubeApiServer } from '../../server/kube-api-server';
import { kubeconfigText } from '../../server/kubeconfig';
import type { KubeObject } from '../../sim/api/types';
import { realKubectl, realKubectlInstalled } from './oracle';

/** What differs between two clusters by chance: identities, times, the names kubectl draws at random. */
function comparable(obj: KubeObject | undefined): unknown {
  if (!obj) return undefined;
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject & { status?: unknown };
  const meta = copy.metadata as Record<string, unknown>;
  for (const key of ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields']) delete meta[key];
  if (typeof meta.name === 'string') meta.name = meta.name.replace(/^(node-debugger-[a-z0-9-]+?)-[a-z0-9]{5}$/, '$1-XXXXX');
  delete copy.status;
  for (const container of (copy.spec?.containers ?? []) as { name: string }[]) container.name = container.name.replace(/^debugger-[a-z0-9]{5}$/, 'debugger-XXXXX');
  return copy;
}

describe.runIf(realKubectlInstalled())('protobuf bodies of the real kubectl through podlab serve', () => {
  let lab: SimSession;
  let served: SimSession;
  let server: KubeApiServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let terminal: ReturnType<SimSession['openTerminal']>;

  beforeAll(async () => {
    lab = createSession({ seed: 3, workspace: new MemFs() });
    lab.scriptMode = true;
    terminal = lab.openTerminal();
    served = createSession({ seed: 3 });
    server = new KubeApiServer({ session: served });
    await server.listen();
    dir = mkdtempSync(join(tmpdir(), 'podlab-protobuf-'));
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigText(server.url, server.certificate, server.token), { mode: 0o600 });
    env = { PATH: '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache'), LANG: 'C.UTF-8' };
    await both('kubectl run target --image=nginx --labels=app=target');
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the line through both kubectls (the real one asynchronously: the server is in this process). */
  async function both(line: string): Promise<{ lab: string; real: string }> {
    let labOutput = '';
    runScript(lab, line, (text) => (labOutput += text), terminal);
    const real = await new Promise<string>((resolve) => {
      const child = spawn('bash', ['-c', line.replace(/^kubectl /, `${realKubectl} `)], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(output);
      });
    });
    return { lab: labOutput.slice(labOutput.indexOf('\n') + 1), real };
  }

  const cases: [line: string, kind: string, name: string | RegExp][] = [
    ['kubectl debug target --copy-to=target-copy --image=busybox --profile=sysadmin -- sleep 1d', 'Pod', 'target-copy'],
    ['kubectl debug target --copy-to=target-general --image=busybox --share-processes --profile=general -- sleep 1d', 'Pod', 'target-general'],
    ['kubectl debug target --copy-to=target-restricted --image=busybox --profile=restricted -- sleep 1d', 'Pod', 'target-restricted'],
    ['kubectl debug target --copy-to=target-baseline --set-image=target=nginx:1.27 --profile=baseline', 'Pod', 'target-baseline'],
    ['kubectl debug node/node01 --image=busybox --profile=sysadmin -- sleep 1d', 'Pod', /^node-debugger-node01-/],
    ['kubectl debug node/node01 --image=busybox --profile=netadmin -- sleep 1d', 'Pod', /^node-debugger-node01-/],
    ['kubectl create deployment web --image=nginx --replicas=3 --port=80', 'Deployment', 'web'],
    ['kubectl create job once --image=busybox -- echo hi', 'Job', 'once'],
    ['kubectl create cronjob tick --image=busybox --schedule="*/5 * * * *" --restart=Never -- date', 'CronJob', 'tick'],
    ['kubectl create job by-hand --from=cronjob/tick', 'Job', 'by-hand'],
  ];

  it.each(cases)('%s stores what the lab stores', async (line, kind, name) => {
    const names = (session: SimSession) => new Set(session.api.list(kind, 'default').map((o) => o.metadata.name ?? ''));
    const fresh = (session: SimSession, seen: Set<string>) =>
      session.api.list(kind, 'default').find((o) => {
        const objectName = o.metadata.name ?? '';
        return !seen.has(objectName) && (typeof name === 'string' ? objectName === name : name.test(objectName));
      });
    const servedBefore = names(served);
    const labBefore = names(lab);
    const printed = await both(line);
    const real = fresh(served, servedBefore);
    expect(real, printed.real).toBeDefined();
    expect(comparable(real)).toEqual(comparable(fresh(lab, labBefore)));
  }, 60_000);

  it('adds ephemeral containers after the existing ones (kubectl debug POD sends $setElementOrder)', async () => {
    await both('kubectl debug target --image=busybox -- sleep 1d');
    await both('kubectl debug target --image=alpine -- sleep 1d');
    const images = (session: SimSession) => ((session.api.get('Pod', 'default', 'target').spec?.ephemeralContainers ?? []) as { image: string }[]).map((c) => c.image);
    expect(images(served)).toEqual(['busybox', 'alpine']);
    expect(images(lab)).toEqual(['busybox', 'alpine']);
  }, 60_000);
});

describe.skipIf(realKubectlInstalled())('protobuf bodies of the real kubectl through podlab serve', () => {
  it('skipped: /usr/bin/kubectl not installed', () => {
    console.log('skipped: /usr/bin/kubectl not installed');
  });
});
