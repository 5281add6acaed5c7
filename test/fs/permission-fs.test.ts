// A process that is not root sees the node's files through the kernel's permission checks: the
// owner's, the group's or the others' bits of each file's mode, and search permission on the way.
import { describe, expect, it } from 'vitest';
import { PermissionFs } from '../../sim/fs/permission-fs';
import { hostFileOwner, nodeDisk } from '../../sim/kubelet/node-disk';

const disk = () => nodeDisk('node01', () => 0);

describe('PermissionFs over a node disk', () => {
  it("refuses /etc/shadow to other users but lets the shadow group read it", () => {
    const other = new PermissionFs(disk(), { uid: 1000, groups: [0] }, hostFileOwner);
    expect(() => other.readFile('/etc/shadow')).toThrow(expect.objectContaining({ code: 'EACCES', path: '/etc/shadow' }));
    expect(other.readFile('/etc/hostname')).toBe('node01\n');
    const shadowGroup = new PermissionFs(disk(), { uid: 1000, groups: [1000, 42] }, hostFileOwner);
    expect(shadowGroup.readFile('/etc/shadow')).toMatch(/^root:\*:/);
    expect(() => shadowGroup.writeFile('/etc/shadow', '')).toThrow(expect.objectContaining({ code: 'EACCES' }));
  });

  it('needs search permission on every directory on the way, and write permission on the directory to create', () => {
    const other = new PermissionFs(disk(), { uid: 1000, groups: [1000] }, hostFileOwner);
    expect(() => other.readdir('/root')).toThrow(expect.objectContaining({ code: 'EACCES' }));
    expect(() => other.readFile('/root/.bashrc')).toThrow(expect.objectContaining({ code: 'EACCES' }));
    expect(other.stat('/root/.bashrc')).toBeUndefined();
    expect(() => other.writeFile('/etc/new', 'x')).toThrow(expect.objectContaining({ code: 'EACCES', path: '/etc/new' }));
    expect(() => other.mkdir('/opt/tools')).toThrow(expect.objectContaining({ code: 'EACCES' }));
  });
});
