// "Deploying WordPress and MySQL with Persistent Volumes" with the page's current manifests
// (wordpress:6.2.1-apache, mysql:8.0, applied with -k): both Pods run, WordPress sends a visitor to
// its installer, and shows its database error page while MySQL is gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';
import { casesRoot } from '../kubectl/kustomize-goldens';

function tutorial() {
  const lab = labShell();
  for (const file of ['kustomization.yaml', 'mysql-deployment.yaml', 'wordpress-deployment.yaml']) {
    lab.run(`cat <<'EOF' > ${file}\n${readFileSync(join(casesRoot, 'wordpress', file), 'utf8')}EOF`);
  }
  lab.sh('kubectl apply -k ./');
  lab.wait(60);
  return lab;
}

const podName = (lab: ReturnType<typeof labShell>, tier: string) => lab.sh(`kubectl get pods -l tier=${tier} -o name`).trim().replace('pod/', '');

describe('the WordPress tutorial', () => {
  it('runs WordPress and MySQL, and WordPress logs its first start as the image does', () => {
    const lab = tutorial();
    expect(tableRow(lab.sh('kubectl get pods'), podName(lab, 'frontend')).slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    expect(tableRow(lab.sh('kubectl get pods'), podName(lab, 'mysql')).slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    const ip = lab.sh(`kubectl get pod ${podName(lab, 'frontend')} -o jsonpath='{.status.podIP}'`);
    const log = lab.sh('kubectl logs deploy/wordpress');
    expect(log).toMatch(
      new RegExp(
        '^WordPress not found in /var/www/html - copying now\\.\\.\\.\\n' +
          'Complete! WordPress has been successfully copied to /var/www/html\\n' +
          // The Service `wordpress` existed before the Pod, so its variables are WORDPRESS_ ones too.
          "No 'wp-config.php' found in /var/www/html, but 'WORDPRESS_\\.\\.\\.' variables supplied; copying 'wp-config-docker\\.php' \\(WORDPRESS_DB_HOST WORDPRESS_DB_PASSWORD WORDPRESS_DB_USER WORDPRESS_PORT WORDPRESS_PORT_80_TCP WORDPRESS_PORT_80_TCP_ADDR WORDPRESS_PORT_80_TCP_PORT WORDPRESS_PORT_80_TCP_PROTO WORDPRESS_SERVICE_HOST WORDPRESS_SERVICE_PORT\\)\\n" +
          `(AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ip.replace(/\./g, '\\.')}\\. Set the 'ServerName' directive globally to suppress this message\\n){2}` +
          '\\[\\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\d{4}\\] \\[mpm_prefork:notice\\] \\[pid 1\\] AH00163: Apache/2\\.4\\.56 \\(Debian\\) PHP/8\\.0\\.28 configured -- resuming normal operations\\n' +
          "\\[[^\\]]+\\] \\[core:notice\\] \\[pid 1\\] AH00094: Command line: 'apache2 -D FOREGROUND'\\n$",
      ),
    );
    expect(lab.sh(`kubectl exec deploy/wordpress -- ls /var/www/html`)).toContain('wp-config.php\n');
  });

  it('sends a visitor to the installer and logs the request', () => {
    const lab = tutorial();
    expect(lab.sh('kubectl run v --rm -i --image=curlimages/curl --restart=Never -- -sI http://wordpress/')).toMatch(
      /\nHTTP\/1\.1 302 Found\r\nDate: .+ GMT\r\nServer: Apache\/2\.4\.56 \(Debian\)\r\nX-Powered-By: PHP\/8\.0\.28\r\nLocation: http:\/\/wordpress\/wp-admin\/install\.php\r\n/,
    );
    expect(lab.sh('kubectl run v --rm -i --image=curlimages/curl --restart=Never -- -sL http://wordpress/')).toContain('<title>WordPress &rsaquo; Installation</title>');
    expect(lab.sh('kubectl logs deploy/wordpress --tail=1')).toMatch(/^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/wp-admin\/install\.php HTTP\/1\.1" 200 \d+ "-" "curl\/8\.14\.1"\n$/);
  });

  it('shows "Error establishing a database connection" while MySQL is away, and recovers with it', () => {
    const lab = tutorial();
    lab.sh('kubectl scale deployment wordpress-mysql --replicas=0');
    lab.wait(30);
    const down = lab.sh('kubectl run v --rm -i --image=curlimages/curl --restart=Never -- -si http://wordpress/');
    expect(down).toMatch(/^HTTP\/1\.1 500 Internal Server Error\r\n/m);
    expect(down).toContain('<title>Database Error</title>');
    expect(down).toContain('<h1>Error establishing a database connection</h1>');
    lab.sh('kubectl scale deployment wordpress-mysql --replicas=1');
    lab.wait(40);
    // MySQL finds its data directory on the claim: the wordpress user still logs in.
    expect(lab.sh('kubectl run v --rm -i --image=curlimages/curl --restart=Never -- -sI http://wordpress/')).toMatch(/\nHTTP\/1\.1 302 Found\r\n/);
  });
});
