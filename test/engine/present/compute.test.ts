import { describe, expect, it } from 'vitest';
import {
  presentFlavorList,
  presentFlavorShow,
  presentImageList,
  presentImageShow,
  presentProjectList,
  presentProjectShow,
  presentServerCreate,
  presentServerList,
  presentServerShow,
  presentVolumeCreate,
  presentVolumeList,
  presentVolumeShow,
} from '../../../engine/openstack/present';
import { byName, cloud, golden, routeBody } from './golden';

const server = cloud.compute.servers[0];
const lookups = { images: cloud.image.images, flavors: cloud.compute.flavors };

describe('server', () => {
  it('show (SDK, 2.91): every SDK field, embedded flavor dict', () =>
    expect(presentServerShow(server, lookups)).toEqual(golden('server_show')));
  it('show -f json', () => expect(presentServerShow(server, lookups, { format: 'json' })).toEqual(golden('server_show_json')));
  it('list', () => expect(presentServerList([server], lookups)).toEqual(golden('server_list')));
  it('list --long adds Host Status when nova sends it', () =>
    expect(presentServerList([server], lookups, { long: true })).toEqual(golden('server_list_long')));
  it('list -f json', () => expect(presentServerList([server], lookups, { format: 'json' })).toEqual(golden('server_list_json')));
  it('list -f value', () => expect(presentServerList([server], lookups, { format: 'value' })).toEqual(golden('server_list_value')));

  // The server right after POST /servers: the fake answered the 2.1 GET with this body.
  const building = {
    ...routeBody('9e3c7a5d-6f2b-4c1e-8a9d-3b2f1e0c7d61 @2.1').server,
    // Fields nova adds after 2.1 (given by the API layer) must not reach the 2.1 view.
    flavor: { id: '0', original_name: 'm1.nano', vcpus: 1, ram: 64, disk: 1, ephemeral: 0, swap: 0, extra_specs: {} },
    description: null,
    locked: false,
    tags: [],
    host_status: 'UP',
  };
  const created = { adminPass: 'Xk9vP2mQr3Ts', security_groups: [{ name: 'default' }] };
  it('create (novaclient, 2.1): raw keys, flavor "name (id)"', () =>
    expect(presentServerCreate(building, created, lookups)).toEqual(golden('server_create')));
  it('create -f json', () =>
    expect(presentServerCreate(building, created, lookups, { format: 'json' })).toEqual(golden('server_create_json')));
});

describe('volume', () => {
  const [v1, v2] = cloud.volume.volumes;
  const names = new Map([[server.id, server.name]]);
  it('show', () => expect(presentVolumeShow(v1)).toEqual(golden('volume_show')));
  it('show with an attachment prints the raw list', () => expect(presentVolumeShow(v2)).toEqual(golden('volume_show2')));
  it('create prints the create response', () =>
    expect(presentVolumeCreate(routeBody('POST 8776').volume)).toEqual(golden('volume_create')));
  it('list: Size right-aligned, "Attached to ... on ... "', () =>
    expect(presentVolumeList([v1, v2], names)).toEqual(golden('volume_list')));
  it('list --long', () => expect(presentVolumeList([v1, v2], names, { long: true })).toEqual(golden('volume_list_long')));
});

describe('image, flavor, project', () => {
  it('image show folds the rest into properties', () => expect(presentImageShow(cloud.image.images[0])).toEqual(golden('image_show')));
  it('image list', () => expect(presentImageList(cloud.image.images)).toEqual(golden('image_list')));
  it('flavor show', () => expect(presentFlavorShow(cloud.compute.flavors[0])).toEqual(golden('flavor_show')));
  it('flavor list right-aligns the numbers', () => expect(presentFlavorList(cloud.compute.flavors)).toEqual(golden('flavor_list')));
  it('project show', () => expect(presentProjectShow(byName(cloud.identity.projects, 'myproject'))).toEqual(golden('project_show')));
  it('project list', () => expect(presentProjectList(cloud.identity.projects)).toEqual(golden('project_list')));
  it('project list --long', () => expect(presentProjectList(cloud.identity.projects, { long: true })).toEqual(golden('project_list_long')));
});
