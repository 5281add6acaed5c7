import { describe, expect, it } from 'vitest';
import { SimApiServer } from '../../sim/api/api-server';
import { SeededRandom } from '../../sim/random';
import type { OwnerReference } from '../../sim/api/types';

function server() {
  const api = new SimApiServer(() => 0, new SeededRandom(1));
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  return api;
}

const names = (objects: { metadata: { name?: string } }[]) => objects.map((o) => o.metadata.name);

describe('the index of objects by controller', () => {
  it('follows creates, owner changes and deletes, per namespace, in list order', () => {
    const api = server();
    const owner = { uid: 'owner-1', controller: true, apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' };
    const pod = (name: string, namespace = 'default', ownerReferences?: OwnerReference[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, ownerReferences }, spec: { containers: [] } });
    api.create(pod('b', 'default', [owner]));
    api.create(pod('a', 'default', [{ ...owner, controller: false }, owner]));
    api.create(pod('c', 'default'));
    api.create(pod('d', 'other', [owner]));
    expect(names(api.listByController('Pod', 'default', 'owner-1'))).toEqual(['a', 'b']);
    expect(names(api.listByController('Pod', 'default', undefined))).toEqual(['c']);
    expect(names(api.listByController('Pod', 'other', 'owner-1'))).toEqual(['d']);

    const released = api.get('Pod', 'default', 'b');
    delete released.metadata.ownerReferences;
    api.update(released);
    api.delete('Pod', 'default', 'a');
    expect(names(api.listByController('Pod', 'default', 'owner-1'))).toEqual([]);
    expect(names(api.listByController('Pod', 'default', undefined))).toEqual(['b', 'c']);
  });
});
