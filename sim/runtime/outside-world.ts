// The internet as a pod or the learner's workstation sees it: a few public hosts the Kubernetes
// docs fetch from (example.com, info.cern.ch, kubernetes.io) answer with small fixed pages over
// HTTP and HTTPS, kubernetes.io serves its examples from the lab's offline copy, and k8s.io
// redirects there. Any other name does not resolve, so each tool reports a failed lookup in its
// own words.

import type { HttpResult, Listener } from '../process';
import { exampleAtPath } from '../kubernetes-io/examples';

interface PublicHost {
  address: string;
  page: string;
  server: string;
  /** What the host answers for a path other than its home page; a 404 when absent. */
  serve?: (path: string) => HttpResult | undefined;
}

const notFoundPage = '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';

/** nginx's own page for a permanent redirect, which the k8s.io redirector sends. */
const movedPage = '<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function serveExample(path: string): HttpResult | undefined {
  const match = /^\/examples\/(.+)$/.exec(path);
  const example = match ? exampleAtPath(match[1]) : undefined;
  if (example === undefined) return undefined;
  return { status: 200, body: example, headers: { 'Content-Type': /\.ya?ml$/.test(path) ? 'text/yaml; charset=UTF-8' : 'text/plain; charset=UTF-8', Server: 'Netlify' }, latencyMs: 40 };
}

const exampleDomainPage = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>

    <meta charset="utf-8" />
    <meta http-equiv="Content-type" content="text/html; charset=utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
</head>

<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
    <p><a href="https://www.iana.org/domains/example">More information...</a></p>
</div>
</body>
</html>
`;

const cernPage = `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`;

const kubernetesPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Kubernetes</title>
</head>
<body>
<h1>Production-Grade Container Orchestration</h1>
<p>Kubernetes, also known as K8s, is an open source system for automating deployment, scaling, and management of containerized applications.</p>
</body>
</html>
`;

const publicHosts: Record<string, PublicHost> = {
  'example.com': { address: '23.192.228.80', page: exampleDomainPage, server: 'ECAcc (nyd/D18F)' },
  'www.example.com': { address: '23.192.228.84', page: exampleDomainPage, server: 'ECAcc (nyd/D18F)' },
  'info.cern.ch': { address: '188.184.67.127', page: cernPage, server: 'Apache' },
  'kubernetes.io': { address: '147.75.40.148', page: kubernetesPage, server: 'Netlify', serve: serveExample },
  'k8s.io': {
    address: '34.107.204.206',
    page: movedPage,
    server: 'nginx',
    serve: (path) => ({ status: 301, body: movedPage, headers: { 'Content-Type': 'text/html', Location: `https://kubernetes.io${path}`, Server: 'nginx' }, latencyMs: 30 }),
  },
};

/** The address of a public host, or undefined: the name does not exist. */
export function publicAddress(name: string): string | undefined {
  return publicHosts[name.replace(/\.$/, '').toLowerCase()]?.address;
}

/** Whether an address is one of the public hosts (farther away than the cluster's own). */
export function isPublicAddress(address: string): boolean {
  return Object.values(publicHosts).some((host) => host.address === address);
}

/** What listens at a public address: its web server on 80 and 443. */
export function publicListeners(): { address: string; listeners: Map<number, Listener> }[] {
  return Object.values(publicHosts).map((host) => {
    const handle = (request: { path: string }): HttpResult => {
      const path = request.path.split('?')[0];
      const served = host.serve?.(path);
      if (served) return served;
      if (path === '/' || path === '/index.html') return { status: 200, body: host.page, headers: { 'Content-Type': 'text/html', Server: host.server }, latencyMs: 40 };
      return { status: 404, body: notFoundPage, headers: { 'Content-Type': 'text/html', Server: host.server }, latencyMs: 40 };
    };
    return {
      address: host.address,
      listeners: new Map<number, Listener>([
        [80, { protocol: 'http', handle }],
        [443, { protocol: 'http', tls: true, handle }],
      ]),
    };
  });
}
