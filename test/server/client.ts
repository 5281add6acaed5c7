// A small HTTPS client for the served API in tests: trusts the run's certificate, sends the token.
import { request } from 'node:https';
import type { KubeApiServer } from '../../server/kube-api-server';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

export function call(
  server: KubeApiServer,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; token?: string | null } = {},
): Promise<Answer> {
  const url = new URL(path, server.url);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const token = options.token === undefined ? server.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: server.certificate }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface OpenStream {
  /** Everything received so far. */
  text(): string;
  /** Resolves once the received text satisfies `test` (or rejects after `ms`). */
  until(test: (text: string) => boolean, ms?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** A GET whose answer keeps coming (watch, logs -f). */
export function openStream(server: KubeApiServer, path: string, headers: Record<string, string> = {}): OpenStream {
  let received = '';
  let onEnd!: () => void;
  const ended = new Promise<void>((resolve) => (onEnd = resolve));
  const req = request(new URL(path, server.url), { method: 'GET', headers: { ...headers, authorization: `Bearer ${server.token}` }, ca: server.certificate }, (res) => {
    res.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    res.on('end', onEnd);
    res.on('close', onEnd);
  });
  req.on('error', onEnd);
  req.end();
  return {
    text: () => received,
    until: async (test, ms = 5000) => {
      const deadline = Date.now() + ms;
      while (!test(received)) {
        if (Date.now() > deadline) throw new Error(`stream did not deliver in ${ms} ms; got:\n${received}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    ended,
    close: () => req.destroy(),
  };
}
