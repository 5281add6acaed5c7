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
