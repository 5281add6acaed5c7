// `kubectl exec` over WebSocket as kubectl 1.32 speaks it (v5.channel.k8s.io): output on its
// channels, the exit status as the final Status, stdin until the client closes it, a line shell
// for `-it ... sh`, and the API server's errors for a missing pod or a missing token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSession, type SimSession } from '../../sim/session';
import { KubeApiServer } from '../../server/kube-api-server';
import { call } from './client';

let session: SimSession;
let server: KubeApiServer;

beforeAll(async () => {
  session = createSession({ seed: 5 });
  server = new KubeApiServer({ session });
  await server.listen();
  await call(server, 'POST', '/api/v1/namespaces/default/pods', {
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box' }, spec: { containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }] } }),
  });
  session.clock.advanceBy(20_000);
});

afterAll(() => server.close());

interface Exchange {
  stdout: string;
  stderr: string;
  status: any;
  protocol: string;
}

function exec(query: string, input: (ws: WebSocket) => void = () => {}, token = server.token): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/box/exec?${query}`, ['v5.channel.k8s.io', 'v4.channel.k8s.io'], {
      ca: server.certificate,
      headers: { authorization: `Bearer ${token}` },
    });
    const result: Exchange = { stdout: '', stderr: '', status: undefined, protocol: '' };
    ws.on('open', () => {
      result.protocol = ws.protocol;
      input(ws);
    });
    ws.on('message', (data: Buffer) => {
      const text = data.subarray(1).toString('utf8');
      if (data[0] === 1) result.stdout += text;
      else if (data[0] === 2) result.stderr += text;
      else if (data[0] === 3) result.status = JSON.parse(text);
    });
    ws.on('close', () => resolve(result));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })));
    });
    ws.on('error', (error) => reject(error));
  });
}

describe('exec over WebSocket', () => {
  it('speaks v5.channel.k8s.io and ends with a Success Status', async () => {
    const result = await exec('command=sh&command=-c&command=echo+hello%3B+echo+oops+%3E%262&container=main&stdout=true&stderr=true');
    expect(result).toMatchObject({ protocol: 'v5.channel.k8s.io', stdout: 'hello\n', stderr: 'oops\n', status: { status: 'Success' } });
  });

  it('reports a non-zero exit code the way kubectl reads it', async () => {
    const result = await exec('command=sh&command=-c&command=exit+4&stdout=true&stderr=true');
    expect(result.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '4' }] } });
  });

  it('lets the cluster time pass for a command that sleeps', async () => {
    const ticking = setInterval(() => session.clock.advanceBy(1000), 5);
    try {
      const result = await exec('command=sh&command=-c&command=sleep+5%3B+echo+done&stdout=true');
      expect(result.stdout).toBe('done\n');
    } finally {
      clearInterval(ticking);
    }
  });

  it('feeds stdin until the client closes it', async () => {
    const result = await exec('command=cat&stdin=true&stdout=true&stderr=true', (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('one\ntwo\n')]));
      ws.send(Buffer.from([255, 0]));
    });
    expect(result.stdout).toBe('one\ntwo\n');
  });

  it('gives `-it ... sh` a line shell with echo, one command per line, in its working directory', async () => {
    const result = await exec('command=sh&stdin=true&stdout=true&tty=true', (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('echo hi > /tmp/f\rcd /tmp\rcat f\rcd /nope\r')]));
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('pwd\rexit\r')]));
    });
    expect(result.stdout).toBe(
      '/ # echo hi > /tmp/f\r\n/ # cd /tmp\r\n/tmp # cat f\r\nhi\r\n/tmp # cd /nope\r\nsh: cd: can\'t cd to /nope: No such file or directory\r\n/tmp # pwd\r\n/tmp\r\n/tmp # exit\r\n',
    );
    expect(result.status).toMatchObject({ status: 'Success' });
  });

  it('refuses a missing token with 401 and a missing pod with the NotFound Status', async () => {
    await expect(exec('command=true', undefined, 'wrong')).rejects.toMatchObject({ status: 401 });
    const missing = new Promise((resolve) => {
      const ws = new WebSocket(`${server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/nope/exec?command=true`, ['v5.channel.k8s.io'], {
        ca: server.certificate,
        headers: { authorization: `Bearer ${server.token}` },
      });
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
      });
      ws.on('error', () => {});
    });
    expect(await missing).toMatchObject({ status: 404, body: { reason: 'NotFound', message: 'pods "nope" not found' } });
  });

  it('attaches to what the main process writes from now on, ending with Success whatever its exit code', async () => {
    await call(server, 'POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ticker' }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'for i in 1 2 3 4 5; do echo tick $i; sleep 2; done; exit 2'] }] } }),
    });
    session.clock.advanceBy(6_000);
    const ticking = setInterval(() => session.clock.advanceBy(500), 5);
    try {
      const result = await new Promise<Exchange>((resolve, reject) => {
        const ws = new WebSocket(`${server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/ticker/attach?container=main&stdout=true&stderr=true`, ['v5.channel.k8s.io'], {
          ca: server.certificate,
          headers: { authorization: `Bearer ${server.token}` },
        });
        const got: Exchange = { stdout: '', stderr: '', status: undefined, protocol: '' };
        ws.on('message', (data: Buffer) => {
          if (data[0] === 1) got.stdout += data.subarray(1).toString();
          if (data[0] === 3) got.status = JSON.parse(data.subarray(1).toString());
        });
        ws.on('close', () => resolve(got));
        ws.on('error', reject);
      });
      expect(result.stdout).not.toContain('tick 1\n');
      expect(result.stdout).toContain('tick 5\n');
      // A failure here would make `kubectl run -i` warn that it could not attach and print the log again.
      expect(result.status).toEqual({ metadata: {}, status: 'Success' });
    } finally {
      clearInterval(ticking);
    }
  });

  it('lets go of every exec session', async () => {
    const deadline = Date.now() + 2000;
    while (server.openStreams > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(server.openStreams).toBe(0);
  });
});
