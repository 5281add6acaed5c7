// The kubelet as a systemd unit on a node: the command line kubeadm gives it, and when systemctl
// last started or stopped it. `ps` on the node and `systemctl status kubelet` both show these.

export const kubeletCommandLine =
  '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';

/** The kubelet's PID on every node. */
export const kubeletPid = 598;

/** How long the nodes have been up when the session starts: the kubelet started with them. */
export const nodeUptimeMs = 3_700_000;

/** Per node, the virtual time of the kubelet's last start and stop through systemctl. */
export class KubeletServices {
  readonly startedAt = new Map<string, number>();
  readonly stoppedAt = new Map<string, number>();
}
