// The image's USER as the identity of a container's processes, and the official database images'
// entrypoints that start as root and re-exec their server as its own user.
import { describe, expect, it } from 'vitest';
import { labShell } from '../support/lab-shell';

describe("an image's USER", () => {
  it('runs curlimages/curl as curl_user, named by the image’s /etc/passwd', () => {
    const lab = labShell();
    lab.sh('kubectl run c --image=curlimages/curl:8.11.1 -- sleep 3600');
    lab.wait(20);
    expect(lab.sh('kubectl exec c -- id')).toBe('uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\n');
    expect(lab.sh('kubectl exec c -- whoami')).toBe('curl_user\n');
    // runc sets HOME from the user's passwd entry.
    expect(lab.sh('kubectl exec c -- printenv HOME')).toBe('/home/curl_user\n');
    // busybox ps cuts the name to its 8-character column.
    expect(lab.sh('kubectl exec c -- ps')).toMatch(/^PID   USER     TIME  COMMAND\n    1 curl_use  0:00 sleep 3600\n/);
    expect(lab.sh(`kubectl exec c -- grep -E '^(Uid|Gid)' /proc/1/status`)).toBe('Uid:\t100\t100\t100\t100\nGid:\t101\t101\t101\t101\n');
  });

  it('gives way to runAsUser and runAsGroup, a uid the image does not name having no name', () => {
    const lab = labShell();
    lab.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata: {name: c}
spec:
  containers:
  - name: uid
    image: curlimages/curl:8.11.1
    command: [sleep, "3600"]
    securityContext: {runAsUser: 1000}
  - name: group
    image: curlimages/curl:8.11.1
    command: [sleep, "3600"]
    securityContext: {runAsGroup: 3000}
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(20);
    expect(lab.sh('kubectl exec c -c uid -- id')).toBe('uid=1000 gid=0(root) groups=0(root)\n');
    expect(lab.sh('kubectl exec c -c uid -- whoami')).toBe('whoami: unknown uid 1000\ncommand terminated with exit code 1\n');
    expect(lab.sh('kubectl exec c -c uid -- printenv HOME')).toBe('/\n');
    // The image's /etc/group lists curl_user in curl_group: runc adds it to the groups.
    expect(lab.sh('kubectl exec c -c group -- id')).toBe('uid=100(curl_user) gid=3000 groups=101(curl_group),3000\n');
  });

  it('runs memcached as memcache (USER memcache)', () => {
    const lab = labShell();
    lab.sh('kubectl run mc --image=memcached:1.6');
    lab.wait(30);
    expect(lab.sh('kubectl exec mc -- id')).toBe('uid=11211(memcache) gid=11211(memcache) groups=11211(memcache)\n');
    expect(lab.sh('kubectl exec mc -- whoami')).toBe('memcache\n');
  });

  it('leaves the images without a USER to root', () => {
    const lab = labShell();
    lab.sh('kubectl run box --image=busybox:1.36 -- sleep 3600');
    lab.wait(20);
    expect(lab.sh('kubectl exec box -- whoami')).toBe('root\n');
    expect(lab.sh(`kubectl exec box -- grep Uid /proc/1/status`)).toBe('Uid:\t0\t0\t0\t0\n');
  });
});

describe('entrypoints that drop privileges', () => {
  for (const [image, server, user] of [
    ['redis:7.4', 'redis-server', 'redis'],
    ['postgres:17', 'postgres', 'postgres'],
    ['mysql:9.1', 'mysqld', 'mysql'],
    ['mongo:8.0', 'mongod', 'mongodb'],
    ['rabbitmq:4.0', 'rabbitmq-server', 'rabbitmq'],
  ]) {
    it(`runs ${server} as ${user} (999) while kubectl exec stays root: ${image}`, () => {
      const lab = labShell();
      lab.sh(`kubectl run db --image=${image} --env=POSTGRES_PASSWORD=secret --env=MYSQL_ROOT_PASSWORD=secret`);
      lab.wait(60);
      expect(lab.sh('kubectl get pod db --no-headers')).toMatch(/1\/1 +Running/);
      expect(lab.sh(`kubectl exec db -- grep -E '^(Name|Uid|Gid)' /proc/1/status`)).toBe(`Name:\t${server.slice(0, 15)}\nUid:\t999\t999\t999\t999\nGid:\t999\t999\t999\t999\n`);
      expect(lab.sh('kubectl exec db -- whoami')).toBe('root\n');
      expect(lab.sh('kubectl exec db -- id')).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
      expect(lab.sh(`kubectl exec db -- grep ^${user}: /etc/passwd`)).toMatch(new RegExp(`^${user}:x:999:999:`));
    });
  }

  it('keeps root for a command of the learner’s, and for the server started without the entrypoint', () => {
    const lab = labShell();
    lab.sh('kubectl run sleeper --image=redis:7.4 -- sleep 3600');
    lab.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata: {name: direct}
spec:
  containers:
  - name: redis
    image: redis:7.4
    command: [redis-server]
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(30);
    expect(lab.sh('kubectl exec sleeper -- grep Uid /proc/1/status')).toBe('Uid:\t0\t0\t0\t0\n');
    expect(lab.sh('kubectl exec direct -- grep Uid /proc/1/status')).toBe('Uid:\t0\t0\t0\t0\n');
  });

  it('shows the server as its user in ps from a container sharing the process namespace', () => {
    const lab = labShell();
    lab.write('pod.yaml', `apiVersion: v1
kind: Pod
metadata: {name: shared}
spec:
  shareProcessNamespace: true
  containers:
  - name: redis
    image: redis:7.4
  - name: shell
    image: curlimages/curl:8.11.1
    command: [sleep, "3600"]
`);
    lab.sh('kubectl apply -f pod.yaml');
    lab.wait(30);
    // busybox ps names each uid by the reading container's /etc/passwd: 999 is nobody there.
    const ps = lab.sh('kubectl exec shared -c shell -- ps');
    expect(ps).toMatch(/\n +\d+ 999 +\d+:\d\d redis-server \*:6379\n/);
    expect(ps).toMatch(/\n +\d+ curl_use +\d+:\d\d sleep 3600\n/);
  });
});

describe('root in an image that lists its groups', () => {
  it('has the groups /etc/group makes root a member of: none in Debian, many in Alpine', () => {
    const lab = labShell();
    lab.sh('kubectl run db --image=redis:7.4 -- sleep 3600');
    lab.sh('kubectl run host --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- pause');
    lab.wait(30);
    expect(lab.sh('kubectl exec db -- id')).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(lab.sh('kubectl exec host -- id')).toBe('uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n');
  });
});
