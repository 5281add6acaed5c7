// What `help` prints in the learner's terminal.
export const helpText = `Pod Lab terminal

This is a shell on your workstation, connected to a simulated Kubernetes 1.32 cluster
(nodes: controlplane, node01, node02). Your workspace is your home directory (~).

  kubectl ...            talk to the cluster (alias: k)
  lab                    lessons and exercises: lab list, lab start <id>, lab check, lab hint
  ssh node01             open a shell on a node (crictl, ps, /proc, systemctl); 'exit' returns
  ls cat cp mv rm mkdir  manage workspace files; cat <<EOF > pod.yaml writes one
  grep head tail wc sort awk cut tr   filter command output
  sleep N                let N seconds of cluster time pass
  history, clear, help

Ctrl-C stops a running command (kubectl get -w, logs -f, sleep).
`;
