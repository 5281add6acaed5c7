// The oracle: the real kubectl 1.32 against the served cluster prints what the lab's own kubectl
// prints on an identically seeded cluster. Prints the identical share and every difference.
import { describe, expect, it } from 'vitest';
import { formatReport, realKubectlInstalled, runOracle, type OracleReport } from './oracle';

/**
 * 100 % at the last count, outside the documented lines. The margin absorbs how many waiting
 * lines the real kubectl's `rollout status` sees on a busy machine (one per watch event).
 */
const baselineShare = 0.99;

describe.runIf(realKubectlInstalled())('the oracle: real kubectl against podlab serve', () => {
  let report: OracleReport;

  it('runs the corpus through both kubectls', async () => {
    report = await runOracle();
    console.log(formatReport(report));
    expect(report.results.length).toBeGreaterThan(70);
  }, 240_000);

  it('ends every command line with the same exit status', () => {
    expect(report.results.filter((r) => r.labExit !== r.realExit).map((r) => `${r.line}: lab ${r.labExit}, real ${r.realExit}`)).toEqual([]);
  });

  it('prints identical lines outside the documented differences', () => {
    expect(report.identicalLines / report.totalLines).toBeGreaterThanOrEqual(baselineShare);
  });

  it('prints get tables, errors, created objects, top, explain and rollout history exactly as the real kubectl does', () => {
    const outputs = (line: string) => report.results.filter((r) => r.line === line);
    for (const line of [
      'kubectl get nodes -o wide',
      'kubectl get pods -A',
      'kubectl get pod nope',
      'kubectl get pod web -o yaml',
      'kubectl describe service api',
      'kubectl apply -f broken.yaml',
      'kubectl apply -f cache.yaml',
      'kubectl top pods',
      'kubectl top nodes',
      'kubectl create deployment api --image=nginx',
      'kubectl scale deployment nope --replicas=2',
      'kubectl logs web -c nope',
      'kubectl delete -f cache.yaml',
      'kubectl wait --for=delete pod/cache --timeout=60s',
      'kubectl rollout history deployment/shop',
      'kubectl explain pod.spec.containers.resources',
      'kubectl explain deployment.spec.strategy',
      'kubectl rollout undo deployment/shop',
      'kubectl apply --server-side --field-manager=ops -f tuning.yaml',
      'kubectl apply --server-side -f tuning.yaml',
      'kubectl get configmap tuning -o yaml --show-managed-fields',
      'kubectl apply --server-side --field-manager=ops --force-conflicts -f tuning.yaml',
    ]) {
      expect(outputs(line).length, line).toBeGreaterThan(0);
      for (const output of outputs(line)) expect(output.real, line).toBe(output.lab);
    }
  });
});

describe.skipIf(realKubectlInstalled())('the oracle', () => {
  it('skipped: /usr/bin/kubectl not installed', () => {
    console.log('skipped: /usr/bin/kubectl not installed');
  });
});
