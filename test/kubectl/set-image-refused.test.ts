// kubectl set image when the API server refuses the patch, or there is nothing to patch: the
// outputs were captured from kubectl 1.32 against `podlab serve`.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('set image', () => {
  it('wraps the server’s refusal as kubectl’s patch error', () => {
    const lab = labShell();
    lab.sh('kubectl create deployment web --image=nginx:1.27');
    expect(lab.sh('kubectl set image deployment/web nginx=; echo $?')).toBe(
      'error: failed to patch image update to pod template: Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value\n1\n',
    );
    expect(lab.sh(`kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'`)).toBe('nginx:1.27');
  });

  it('reports a Pod Security enforce refusal of a pod update', () => {
    const lab = labShell();
    lab.sh('kubectl run p --image=nginx:1.27');
    lab.sh('kubectl label ns default pod-security.kubernetes.io/enforce=restricted');
    expect(lab.sh('kubectl set image pod/p p=nginx:1.26; echo $?')).toBe(
      'error: failed to patch image update to pod template: pods "p" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "p" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "p" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "p" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "p" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")\n1\n',
    );
  });

  it('prints nothing for an object already at the image: its patch would be empty', () => {
    const lab = labShell();
    lab.sh('kubectl run p --image=nginx:1.27');
    lab.sh('kubectl label ns default pod-security.kubernetes.io/enforce=restricted');
    expect(lab.sh('kubectl set image pod/p p=nginx:1.27; echo $?')).toBe('0\n');
  });
});
