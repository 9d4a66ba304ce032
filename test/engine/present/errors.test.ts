import { describe, expect, it } from 'vitest';
import {
  ENDPOINTS,
  NO_PORTS_FOR_FLOATING_IP,
  VOLUME_SIZE_REQUIRED,
  deleteFailures,
  failure,
  findResourceNotFound,
  legacyClientHttpError,
  missingArgumentsError,
  sdkDuplicate,
  sdkHttpError,
  sdkHttpErrorText,
  sdkNotFound,
  SILENT_SUCCESS,
  isSilentCommand,
} from '../../../engine/openstack/present';
import { golden } from './golden';

const NET = '418ad8a6-4d8d-4b9f-9c9e-6e1f4a0e9c11';
const ROUTER = '89dd2083-a160-4d75-ab3a-14239f01ea0b';
const SUBNET = 'b3c2e9a6-0a39-4c4e-9d54-2d6cdbd1e5a8';

describe('not found and duplicates (openstacksdk)', () => {
  it('network show wraps', () => expect(sdkNotFound('network show', 'Network', 'nosuch')).toEqual(golden('net_show_missing')));
  it('subnet show does not', () => expect(sdkNotFound('subnet show', 'Subnet', 'nosuch')).toEqual(golden('subnet_missing')));
  it('port show', () => expect(sdkNotFound('port show', 'Port', 'nosuch')).toEqual(golden('port_missing')));
  it('router show', () => expect(sdkNotFound('router show', 'Router', 'nosuch')).toEqual(golden('router_missing')));
  it('router add subnet looking up the subnet', () =>
    expect(sdkNotFound('router add subnet', 'Subnet', 'nosuch')).toEqual(golden('router_add_subnet_missing')));
  it('floating ip show wraps', () => expect(sdkNotFound('floating ip show', 'FloatingIP', '1.2.3.4')).toEqual(golden('fip_missing')));
  it('server add floating ip does not', () =>
    expect(sdkNotFound('server add floating ip', 'FloatingIP', '1.2.3.4')).toEqual(golden('server_add_fip_missing')));
  it('server show', () => expect(sdkNotFound('server show', 'Server', 'nosuch')).toEqual(golden('server_missing')));
  it('server create --image', () => expect(sdkNotFound('server create', 'Image', 'nosuch')).toEqual(golden('server_create_badimage')));
  it('server create --nic net-id=', () => expect(sdkNotFound('server create', 'Network', 'nosuch')).toEqual(golden('server_create_badnet')));
  it('image show', () => expect(sdkNotFound('image show', 'Image', 'nosuch')).toEqual(golden('image_missing')));
  it('flavor show', () => expect(sdkNotFound('flavor show', 'Flavor', 'nosuch')).toEqual(golden('flavor_missing')));
  it('duplicate names are never wrapped', () => expect(sdkDuplicate('Network', 'dup')).toEqual(golden('net_show_dup')));
});

describe('not found (osc_lib find_resource)', () => {
  it('server create --flavor', () => expect(findResourceNotFound('flavor', 'm1.huge')).toEqual(golden('server_create_badflavor')));
  it('volume show', () => expect(findResourceNotFound('volume', 'nosuch')).toEqual(golden('volume_missing')));
  it('project show', () => expect(findResourceNotFound('project', 'nosuch')).toEqual(golden('project_missing')));
  it('server delete', () => expect(findResourceNotFound('server', 'nosuch')).toEqual(golden('err_server_delete_missing')));
  it('server add floating ip, unknown server', () =>
    expect(findResourceNotFound('server', 'nosuch')).toEqual(golden('err_server_add_fip_noserver')));
});

describe('HTTP errors', () => {
  it('port create 409', () =>
    expect(
      sdkHttpError('port create', {
        status: 409,
        url: `${ENDPOINTS.network}/ports`,
        message: `IP address 172.16.1.2 already allocated in subnet ${SUBNET}`,
      }),
    ).toEqual(golden('port_create_409')));
  it('router add subnet 400', () =>
    expect(
      sdkHttpError('router add subnet', {
        status: 400,
        url: `${ENDPOINTS.network}/routers/${ROUTER}/add_router_interface`,
        message: `Bad router request: Router already has a port on subnet ${SUBNET}.`,
      }),
    ).toEqual(golden('router_add_subnet_400')));
  it('subnet create 400', () =>
    expect(
      sdkHttpError('subnet create', {
        status: 400,
        url: `${ENDPOINTS.network}/subnets`,
        message: `Invalid input for operation: Requested subnet with cidr: 172.16.1.0/24 for network: ${NET} overlaps with another subnet.`,
      }),
    ).toEqual(golden('err_subnet_create_400')));
  it('5xx is a Server Error', () =>
    expect(
      sdkHttpError('router create', {
        status: 500,
        url: `${ENDPOINTS.network}/routers`,
        message: 'Request Failed: internal server error while processing your request.',
      }),
    ).toEqual(golden('err_router_create_500')));
  it('network create wraps without the URL', () =>
    expect(
      sdkHttpError('network create', {
        status: 400,
        url: `${ENDPOINTS.network}/networks`,
        message: 'Invalid input for operation: Segmentation ID should be lower or equal to 4094.',
      }),
    ).toEqual(golden('err_net_create_400')));
  it('floating ip create: a 404 is ResourceNotFound', () =>
    expect(
      sdkHttpError('floating ip create', {
        status: 404,
        url: `${ENDPOINTS.network}/floatingips`,
        message:
          `External network 0e62efcd-8cee-46c7-b163-d8df05c3c5ad is not reachable from subnet ${SUBNET}.  ` +
          'Therefore, cannot associate Port 6c6e8d2e-4f1c-4cf4-8a0c-0d3f0a2b7e51 with a Floating IP.',
      }),
    ).toEqual(golden('err_fip_create_404')));
  it('nova through novaclient', () =>
    expect(legacyClientHttpError(409, 'Multiple possible networks found, use a Network ID to be more specific.')).toEqual(
      golden('server_create_409'),
    ));
  it('cinder through cinderclient, with the request id', () =>
    expect(
      legacyClientHttpError(
        413,
        'VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2000G, quota is 1000G and 0G has been consumed.',
        'req-5f0c8a3e-1b2d-4c6e-9f7a-8b9c0d1e2f3a',
      ),
    ).toEqual(golden('err_volume_create_413')));
});

describe('deletes', () => {
  const conflict = sdkHttpErrorText({
    status: 409,
    url: `${ENDPOINTS.network}/networks/${NET}`,
    message: `Unable to complete operation on network ${NET}. There are one or more ports still in use on the network.`,
  });
  it('one conflict', () => expect(deleteFailures('network', 1, [{ name: 'selfservice', text: conflict }])).toEqual(golden('net_delete_409')));
  it('two failures', () =>
    expect(
      deleteFailures('network', 2, [
        { name: 'nosuch', text: 'No Network found for nosuch' },
        { name: 'selfservice', text: conflict },
      ]),
    ).toEqual(golden('net_delete_two')));
  it('floating_ip keeps its underscore', () =>
    expect(deleteFailures('floating_ip', 1, [{ name: '1.2.3.4', text: 'No FloatingIP found for 1.2.3.4' }])).toEqual(
      golden('err_fip_delete_missing'),
    ));
  it('volume', () =>
    expect(deleteFailures('volume', 1, [{ name: 'nosuch', text: "No volume with a name or ID of 'nosuch' exists." }])).toEqual(
      golden('err_volume_delete_missing'),
    ));
  it('router in use', () =>
    expect(
      deleteFailures('router', 1, [
        {
          name: 'router',
          text: sdkHttpErrorText({ status: 409, url: `${ENDPOINTS.network}/routers/${ROUTER}`, message: `Router ${ROUTER} still has ports` }),
        },
      ]),
    ).toEqual(golden('err_router_delete_409')));
  it('a successful delete prints nothing', () => {
    expect(isSilentCommand('subnet delete')).toBe(true);
    expect(SILENT_SUCCESS).toEqual(golden('subnet_delete'));
  });
  it('server add floating ip prints nothing', () => {
    expect(isSilentCommand('server add floating ip')).toBe(true);
    expect(SILENT_SUCCESS).toEqual(golden('server_add_fip'));
    expect(isSilentCommand('server add volume')).toBe(false);
  });
});

describe('argparse and client-side checks', () => {
  it('network create without a name', () => expect(missingArgumentsError('network create')).toEqual(golden('usage_network_create')));
  it('subnet create x without --network', () =>
    expect(missingArgumentsError('subnet create', ['--network'])).toEqual(golden('usage_subnet_create')));
  it('port create x', () => expect(missingArgumentsError('port create', ['network'])).toEqual(golden('usage_port_create')));
  it('router add subnet r', () => expect(missingArgumentsError('router add subnet', ['<subnet>'])).toEqual(golden('usage_router_add_subnet')));
  it('server create x', () => expect(missingArgumentsError('server create', ['--flavor'])).toEqual(golden('usage_server_create')));
  it('server add floating ip s', () =>
    expect(missingArgumentsError('server add floating ip', ['ip-address'])).toEqual(golden('usage_server_add_floating_ip')));
  it('network delete', () => expect(missingArgumentsError('network delete')).toEqual(golden('usage_network_delete')));
  it('volume create without --size', () => expect(failure(VOLUME_SIZE_REQUIRED)).toEqual(golden('volume_create_nosize')));
  it('server add floating ip, server without ports', () =>
    // Observed from the real client against a server whose port list is empty.
    expect(failure(NO_PORTS_FOR_FLOATING_IP).stderr).toBe('No attached ports found to associate floating IP with\n'));
});
