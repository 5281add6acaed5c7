// The walkthrough of kubernetes.io's "Configure a Pod to Use a ConfigMap", as its page runs it on
// the learner's workstation: download the sample files, then make ConfigMaps of them.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe('the "Configure a Pod to Use a ConfigMap" page', () => {
  it('downloads its sample files with wget and makes ConfigMaps from a directory, files and env files', () => {
    const lab = labShell();
    lab.sh('mkdir -p configure-pod-container/configmap/');
    const download = (name: string) => {
      const saved = lab.sh(`wget https://kubernetes.io/examples/configmap/${name} -O configure-pod-container/configmap/${name}`);
      expect(saved).toMatch(new RegExp(`^Connecting to kubernetes.io:443 \\(147.75.40.148:443\\)\\nsaving to 'configure-pod-container/configmap/${name}'\\n`));
    };
    download('game.properties');
    download('ui.properties');
    expect(lab.sh('kubectl create configmap game-config --from-file=configure-pod-container/configmap/')).toBe('configmap/game-config created\n');
    expect(lab.sh('kubectl describe configmaps game-config')).toBe(
      'Name:         game-config\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\n' +
        'game.properties:\n----\nenemies=aliens\nlives=3\nenemies.cheat=true\nenemies.cheat.level=noGoodRotten\n' +
        'secret.code.passphrase=UUDDLRLRBABAS\nsecret.code.allowed=true\nsecret.code.lives=30\n\n' +
        'ui.properties:\n----\ncolor.good=purple\ncolor.bad=yellow\nallow.textmode=true\nhow.nice.to.look=fairlyNice\n\n\n' +
        'BinaryData\n====\n\nEvents:  <none>\n',
    );
    download('game-env-file.properties');
    lab.sh('kubectl create configmap game-config-env-file --from-env-file=configure-pod-container/configmap/game-env-file.properties');
    expect(lab.sh(`kubectl get configmap game-config-env-file -o jsonpath='{.data}'`)).toBe('{"allowed":"\\"true\\"","enemies":"aliens","lives":"3"}');
    download('ui-env-file.properties');
    // kubectl 1.32 merges several env files (the page's caution describes older releases).
    lab.sh(
      'kubectl create configmap config-multi-env-files --from-env-file=configure-pod-container/configmap/game-env-file.properties --from-env-file=configure-pod-container/configmap/ui-env-file.properties',
    );
    expect(lab.sh(`kubectl get configmap config-multi-env-files -o jsonpath='{.data}'`)).toBe(
      '{"allowed":"\\"true\\"","color":"purple","enemies":"aliens","how":"fairlyNice","lives":"3","textmode":"true"}',
    );
    lab.sh('kubectl create configmap game-config-3 --from-file=game-special-key=configure-pod-container/configmap/game.properties');
    expect(lab.sh(`kubectl get configmap game-config-3 -o jsonpath='{.data.game-special-key}'`)).toContain('secret.code.lives=30');
  });
});
