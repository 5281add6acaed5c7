// The kubernetes.io pages that generate ConfigMaps and Secrets with kustomize, walked as written:
// "Configure a Pod to Use a ConfigMap" (Create ConfigMaps from generators), "Managing Secrets using
// Kustomize", and the WordPress and MySQL tutorial's secretGenerator with its resources. The generated names are kustomize 5.5's, as the real kubectl 1.32
// prints them for the same kustomizations (test/golden-files/kustomize).
import { describe, expect, it } from 'vitest';
import { labShell, tableRow } from '../support/lab-shell';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { casesRoot, generatedName } from '../kubectl/kustomize-goldens';

// The page fetches these from kubernetes.io/examples/configmap/ into this folder.
const gameProperties = `enemies=aliens
lives=3
enemies.cheat=true
enemies.cheat.level=noGoodRotten
secret.code.passphrase=UUDDLRLRBABAS
secret.code.allowed=true
secret.code.lives=30
`;
const uiProperties = `color.good=purple
color.bad=yellow
allow.textmode=true
how.nice.to.look=fairlyNice
`;

describe('Configure a Pod to Use a ConfigMap: ConfigMaps from generators', () => {
  it('generates, shows and deletes the ConfigMaps as the page does', () => {
    const lab = labShell();
    lab.sh('mkdir -p configure-pod-container/configmap/');
    lab.run(`cat <<EOF >configure-pod-container/configmap/game.properties\n${gameProperties}EOF`);
    lab.run(`cat <<EOF >configure-pod-container/configmap/ui.properties\n${uiProperties}EOF`);

    lab.run(`cat <<EOF >./kustomization.yaml
configMapGenerator:
- name: game-config-4
  options:
    labels:
      game-config: config-4
  files:
  - configure-pod-container/configmap/game.properties
EOF`);
    const config4 = generatedName('configmap-page-files', 'game-config-4');
    expect(lab.sh('kubectl apply -k .')).toBe(`configmap/${config4} created\n`);
    expect(tableRow(lab.sh('kubectl get configmap'), config4).slice(0, 2)).toEqual([config4, '1']);
    const described = lab.sh(`kubectl describe configmaps/${config4}`);
    expect(described).toMatch(new RegExp(`^Name: +${config4}\\nNamespace: +default\\nLabels: +game-config=config-4\\n`));
    expect(described).toContain(`\nData\n====\ngame.properties:\n----\n${gameProperties}`);

    lab.run(`cat <<EOF >./kustomization.yaml
configMapGenerator:
- name: game-config-5
  options:
    labels:
      game-config: config-5
  files:
  - game-special-key=configure-pod-container/configmap/game.properties
EOF`);
    const config5 = generatedName('configmap-page-key', 'game-config-5');
    expect(lab.sh('kubectl apply -k .')).toBe(`configmap/${config5} created\n`);
    expect(lab.sh(`kubectl get configmap ${config5} -o jsonpath='{.data.game-special-key}'`)).toBe(gameProperties);

    lab.run(`cat <<EOF >./kustomization.yaml
---
# kustomization.yaml contents for creating a ConfigMap from literals
configMapGenerator:
- name: special-config-2
  literals:
  - special.how=very
  - special.type=charm
EOF`);
    const special = generatedName('configmap-page-literals', 'special-config-2');
    expect(lab.sh('kubectl apply -k .')).toBe(`configmap/${special} created\n`);

    expect(lab.sh("kubectl delete configmap -l 'game-config in (config-4,config-5)'")).toBe(`configmap "${config4}" deleted\nconfigmap "${config5}" deleted\n`);
    expect(lab.sh('kubectl get configmap -o name')).toBe(`configmap/kube-root-ca.crt\nconfigmap/${special}\n`);
  });
});

describe('Managing Secrets using Kustomize', () => {
  it('creates the Secret from literals, and a new one when the data changes', () => {
    const lab = labShell();
    lab.sh('mkdir secret-demo');
    lab.run(`cat <<EOF >secret-demo/kustomization.yaml
secretGenerator:
- name: database-creds
  literals:
  - username=admin
  - password=1f2d1e2e67df
EOF`);
    const first = generatedName('secret-page-literals', 'database-creds');
    expect(lab.sh('kubectl apply -k secret-demo')).toBe(`secret/${first} created\n`);
    expect(lab.sh(`kubectl get secret ${first} -o jsonpath='{.data.password}' | base64 --decode`)).toBe('1f2d1e2e67df');

    // Edit a Secret: a changed password makes a new Secret beside the old one.
    lab.sh("sed -i 's/password=1f2d1e2e67df/password=39528$vdg7Jb/' secret-demo/kustomization.yaml");
    const applied = lab.sh('kubectl apply -k secret-demo');
    expect(applied).toMatch(/^secret\/database-creds-[a-z0-9]{10} created\n$/);
    const second = applied.slice('secret/'.length, -' created\n'.length);
    expect(second).not.toBe(first);
    expect(lab.sh('kubectl get secrets -o name')).toBe(`${[first, second].sort().map((name) => `secret/${name}`).join('\n')}\n`);

    expect(lab.sh(`kubectl delete secret ${first}`)).toBe(`secret "${first}" deleted\n`);
  });

  it('creates the same Secret from files written with echo -n, and from an .env file', () => {
    const lab = labShell();
    lab.sh("echo -n 'admin' > ./username.txt");
    lab.sh("echo -n '1f2d1e2e67df' > ./password.txt");
    lab.run(`cat <<EOF >./kustomization.yaml
secretGenerator:
- name: database-creds
  files:
  - username.txt
  - password.txt
EOF`);
    const fromFiles = generatedName('secret-page-files', 'database-creds');
    expect(lab.sh('kubectl apply -k .')).toBe(`secret/${fromFiles} created\n`);
    expect(lab.sh(`kubectl get secret ${fromFiles} -o jsonpath='{.data.username\\.txt}' | base64 -d`)).toBe('admin');

    lab.run(`printf 'username=admin\\npassword=1f2d1e2e67df\\n' > .env.secret
cat <<EOF >./kustomization.yaml
secretGenerator:
- name: db-user-pass
  envs:
  - .env.secret
EOF`);
    expect(lab.sh('kubectl apply -k .')).toBe(`secret/${generatedName('secret-page-env', 'db-user-pass')} created\n`);
  });
});

describe('Deploying WordPress and MySQL with Persistent Volumes', () => {
  it('applies the secret generator and both manifests in kustomize order', () => {
    const lab = labShell();
    for (const file of ['kustomization.yaml', 'mysql-deployment.yaml', 'wordpress-deployment.yaml']) {
      lab.run(`cat <<'EOF' > ${file}\n${readFileSync(join(casesRoot, 'wordpress', file), 'utf8')}EOF`);
    }
    const secret = generatedName('wordpress', 'mysql-pass');
    expect(lab.sh('kubectl apply -k ./')).toBe(
      [
        `secret/${secret} created`,
        'service/wordpress created',
        'service/wordpress-mysql created',
        'persistentvolumeclaim/mysql-pv-claim created',
        'persistentvolumeclaim/wp-pv-claim created',
        'deployment.apps/wordpress created',
        'deployment.apps/wordpress-mysql created',
        '',
      ].join('\n'),
    );
    lab.wait(60);
    expect(tableRow(lab.sh('kubectl get secrets'), secret).slice(0, 3)).toEqual([secret, 'Opaque', '1']);
    expect(tableRow(lab.sh('kubectl get pvc'), 'mysql-pv-claim')[1]).toBe('Bound');
    const mysqlPod = lab.sh('kubectl get pods -l tier=mysql -o name').trim().replace('pod/', '');
    expect(tableRow(lab.sh('kubectl get pods'), mysqlPod).slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(lab.sh(`kubectl get pod ${mysqlPod} -o jsonpath='{.spec.containers[0].env[0].valueFrom.secretKeyRef.name}'`)).toBe(secret);
  });
});
