// The image puller on its own: pull policies, images already on the node, and the back-off after
// a failed pull, with the kubelet's events and waiting reasons.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim/clock';
import { SeededRandom } from '../../sim/random';
import type { Container } from '../../sim/api/types';
import { ContainerRecord } from '../../sim/kubelet/container-record';
import { ImageStore } from '../../sim/kubelet/image-store';
import { ImagePuller } from '../../sim/kubelet/image-puller';
import type { PodHost } from '../../sim/kubelet/pod-host';

function setUp(spec: Container) {
  const clock = new VirtualClock(Date.parse('2026-01-15T09:00:00Z'));
  const random = new SeededRandom(3);
  const images = new ImageStore(random);
  const record = new ContainerRecord(spec, false, 0, { waiting: { reason: 'ContainerCreating' } }, () => {});
  const log: string[] = [];
  const at = () => `${(clock.now() - Date.parse('2026-01-15T09:00:00Z')) / 1000}s`;
  const puller = new ImagePuller({
    node: { clock, random, images } as unknown as PodHost,
    podUid: 'uid-1',
    event: (_rec, type, reason, message) => log.push(`${at()} ${type} ${reason}: ${message}`),
    sync: () => {
      log.push(`${at()} sync`);
      puller.start(record);
    },
    stopped: () => false,
    pullStarted: () => {},
    pullEnded: () => {},
    create: () => log.push(`${at()} create`),
    writeStatus: () => {},
    requestSync: () => {},
  });
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
