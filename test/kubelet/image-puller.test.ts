// The image puller on its own: pull policies, images already on the node, the node's one-at-a-time
// pull queue, and the back-off after a failed pull, with the kubelet's events and waiting reasons.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim/clock';
import { SeededRandom } from '../../sim/random';
import type { Container } from '../../sim/api/types';
import { ContainerRecord } from '../../sim/kubelet/container-record';
import { ImageStore } from '../../sim/kubelet/image-store';
import { ImagePuller } from '../../sim/kubelet/image-puller';
import { SerialImagePulls } from '../../sim/kubelet/serial-image-pulls';
import type { PodHost } from '../../sim/kubelet/pod-host';

const start = Date.parse('2026-01-15T09:00:00Z');

/** A node with its images and pull queue; `pod` puts one more pod's container on it. */
function nodeWithPods() {
  const clock = new VirtualClock(start);
  const random = new SeededRandom(3);
  const images = new ImageStore(random);
  const node = { clock, random, images, imagePulls: new SerialImagePulls(clock) } as unknown as PodHost;
  const log: string[] = [];
  const at = () => `${(clock.now() - start) / 1000}s`;
  /** `name` labels the pod's lines in the log, when there are several. */
  const pod = (name: string, spec: Container) => {
    const who = name ? `${name} ` : '';
    const record = new ContainerRecord(spec, false, 0, { waiting: { reason: 'ContainerCreating' } }, () => {});
    const pod = { record, stopped: false, puller: undefined as unknown as ImagePuller };
    pod.puller = new ImagePuller({
      node,
      podUid: `uid-${name}`,
      event: (_rec, type, reason, message) => log.push(`${at()} ${who}${type} ${reason}: ${message}`),
      sync: () => {
        log.push(`${at()} ${who}sync`);
        pod.puller.start(record);
      },
      stopped: () => pod.stopped,
      pullStarted: () => {},
      pullEnded: () => {},
      create: () => log.push(`${at()} ${who}create`),
      writeStatus: () => {},
      requestSync: () => log.push(`${at()} ${who}requestSync`),
    });
    return pod;
  };
  return { clock, images, log, pod };
}

function setUp(spec: Container) {
  const { clock, images, log, pod } = nodeWithPods();
  const { record, puller } = pod('', spec);
  return { clock, images, record, puller, log };
}

describe('the image puller', () => {
  it('uses an image already on the node unless the policy is Always', () => {
    const { images, record, puller, log } = setUp({ name: 'app', image: 'nginx:1.27' });
    images.add('docker.io/library/nginx:1.27');
    puller.start(record);
    expect(log).toEqual(['0s Normal Pulled: Container image "nginx:1.27" already present on machine', '0s create']);
    expect(record.imageRef?.fullName).toBe('docker.io/library/nginx:1.27');
  });

  it('pulls, then creates the container, and says how long the pull took', () => {
    const { clock, images, record, puller, log } = setUp({ name: 'app', image: 'busybox:1.36' });
    puller.start(record);
    expect(record.starting).toBe(true);
    expect(log).toEqual(['0s Normal Pulling: Pulling image "busybox:1.36"']);
    clock.advanceBy(5000);
    expect(record.starting).toBe(false);
    expect(log[1]).toMatch(/^0\.\d+s Normal Pulled: Successfully pulled image "busybox:1.36" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(log[2]).toMatch(/create$/);
    expect(images.has('docker.io/library/busybox:1.36')).toBe(true);
  });

  it('refuses an image missing under pull policy Never', () => {
    const { record, puller, log } = setUp({ name: 'app', image: 'redis:7', imagePullPolicy: 'Never' });
    puller.start(record);
    expect(record.state).toEqual({ waiting: { reason: 'ErrImageNeverPull', message: 'Container image "redis:7" is not present with pull policy of Never' } });
    expect(log).toEqual(['0s Warning ErrImageNeverPull: Container image "redis:7" is not present with pull policy of Never', '0s Warning Failed: Error: ErrImageNeverPull']);
  });

  it('reports ErrImagePull for a tag that does not exist, then backs off with ImagePullBackOff', () => {
    const { clock, record, puller, log } = setUp({ name: 'app', image: 'nginx:no-such-tag' });
    puller.start(record);
    clock.advanceBy(2000);
    expect(record.state.waiting?.reason).toBe('ErrImagePull');
    expect(log.filter((line) => line.includes('Error: ErrImagePull'))).toHaveLength(1);
    clock.advanceBy(10_000);
    expect(record.state.waiting?.reason).toBe('ImagePullBackOff');
    expect(record.state.waiting?.message).toMatch(/^Back-off pulling image "nginx:no-such-tag": ErrImagePull: rpc error: code = NotFound desc = /);
    expect(log.some((line) => line.endsWith('Normal BackOff: Back-off pulling image "nginx:no-such-tag"'))).toBe(true);
  });
});

/** Milliseconds in a Go duration the kubelet printed: `345ms`, `2.5s`, `1m3.25s`. */
function durationMs(text: string): number {
  const match = /^(?:(\d+)m(?=\d))?(?:([\d.]+)s|(\d+)ms)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1] ?? 0) * 60_000 + Math.round(Number(match[2] ?? 0) * 1000) + Number(match[3] ?? 0);
}

/** When a pod's image was pulled (ms from the start), and the pull and total times its event gives. */
function pulled(log: string[], name: string) {
  const line = log.find((entry) => entry.includes(` ${name} Normal Pulled: Successfully`));
  const match = line && /^([\d.]+)s \S+ Normal Pulled: Successfully pulled image "[^"]+" in (\S+) \((\S+) including waiting\)\. Image size: \d+ bytes\.$/.exec(line);
  if (!match) throw new Error(`no Pulled event for ${name} in:\n${log.join('\n')}`);
  return { at: Math.round(Number(match[1]) * 1000), pullMs: durationMs(match[2]), totalMs: durationMs(match[3]) };
}

describe("the node's pull queue (serializeImagePulls)", () => {
  it('pulls one image at a time, in the order asked; a pull that waited counts its waiting, and layers already fetched make it quick', () => {
    const { clock, log, pod } = nodeWithPods();
    const first = pod('a', { name: 'app', image: 'nginx:1.27' });
    const second = pod('b', { name: 'app', image: 'nginx:1.27' });
    const third = pod('c', { name: 'app', image: 'redis:7' });
    for (const each of [first, second, third]) each.puller.start(each.record);
    expect(log).toEqual(['0s a Normal Pulling: Pulling image "nginx:1.27"', '0s b Normal Pulling: Pulling image "nginx:1.27"', '0s c Normal Pulling: Pulling image "redis:7"']);
    clock.advanceBy(60_000);

    const a = pulled(log, 'a');
    const b = pulled(log, 'b');
    const c = pulled(log, 'c');
    expect(a.pullMs).toBeGreaterThan(1000);
    expect(a).toEqual({ at: a.pullMs, pullMs: a.pullMs, totalMs: a.pullMs });
    // b asked with IfNotPresent before nginx was there, so it still pulls once its turn comes.
    expect(b.pullMs).toBeLessThan(400);
    expect(b).toEqual({ at: a.at + b.pullMs, pullMs: b.pullMs, totalMs: a.at + b.pullMs });
    expect(c.pullMs).toBeGreaterThan(1000);
    expect(c).toEqual({ at: b.at + c.pullMs, pullMs: c.pullMs, totalMs: b.at + c.pullMs });
    expect(first.record.starting || second.record.starting || third.record.starting).toBe(false);

    // A container that asks once nginx is on the node finds it there.
    const later = pod('d', { name: 'app', image: 'nginx:1.27' });
    later.puller.start(later.record);
    expect(log.slice(-2)).toEqual(['60s d Normal Pulled: Container image "nginx:1.27" already present on machine', '60s d create']);
  });

  it('fails the waiting pull of a pod that is gone at once when its turn comes, and goes on with the next', () => {
    const { clock, log, pod } = nodeWithPods();
    const first = pod('a', { name: 'app', image: 'nginx:1.27' });
    const gone = pod('b', { name: 'app', image: 'busybox:1.36' });
    const third = pod('c', { name: 'app', image: 'busybox:1.36' });
    for (const each of [first, gone, third]) each.puller.start(each.record);
    gone.stopped = true;
    gone.puller.cancelPulls();
    clock.advanceBy(60_000);

    // b's pod worker still waited for its turn, where its cancelled pull failed.
    const a = pulled(log, 'a');
    expect(log.filter((line) => line.includes(' b '))).toEqual([
      '0s b Normal Pulling: Pulling image "busybox:1.36"',
      `${a.at / 1000}s b Warning Failed: Failed to pull image "busybox:1.36": rpc error: code = Canceled desc = context canceled`,
      `${a.at / 1000}s b Warning Failed: Error: ErrImagePull`,
      `${a.at / 1000}s b requestSync`,
    ]);
    expect(gone.record.starting).toBe(false);
    // busybox was never pulled for b: c fetches it all, right after a.
    const c = pulled(log, 'c');
    expect(c.pullMs).toBeGreaterThan(400);
    expect(c).toEqual({ at: a.at + c.pullMs, pullMs: c.pullMs, totalMs: a.at + c.pullMs });
  });

  it('cancels the pull under way of a pod that is going away, and starts the next one then', () => {
    const { clock, log, pod } = nodeWithPods();
    const leaving = pod('a', { name: 'app', image: 'python:3.13' });
    const next = pod('b', { name: 'app', image: 'busybox:1.36' });
    for (const each of [leaving, next]) each.puller.start(each.record);
    clock.advanceBy(1000);
    leaving.stopped = true;
    leaving.puller.cancelPulls();
    expect(log.slice(-3)).toEqual([
      '1s a Warning Failed: Failed to pull image "python:3.13": rpc error: code = Canceled desc = context canceled',
      '1s a Warning Failed: Error: ErrImagePull',
      '1s a requestSync',
    ]);
    expect(leaving.record.starting).toBe(false);
    clock.advanceBy(60_000);
    const b = pulled(log, 'b');
    expect(b).toEqual({ at: 1000 + b.pullMs, pullMs: b.pullMs, totalMs: 1000 + b.pullMs });
    expect(log.some((line) => line.includes(' a Normal Pulled'))).toBe(false);
  });
});
