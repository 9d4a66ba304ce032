import { describe, expect, it } from 'vitest';
import {
  presentFloatingIpCreate,
  presentFloatingIpList,
  presentFloatingIpShow,
  presentPortList,
  presentPortShow,
  presentRouterCreate,
  presentRouterList,
  presentRouterShow,
  presentSubnetList,
  presentSubnetShow,
} from '../../../engine/openstack/present';
import { cloud, golden, routeBody } from './golden';

const subnet = cloud.network.subnets[0];
const port = cloud.network.ports[0];
const router = cloud.network.routers[0];
const fip = cloud.network.floatingips[0];

describe('subnet', () => {
  it('show: pools, sorted DNS servers, host routes one per line', () => expect(presentSubnetShow(subnet)).toEqual(golden('subnet_show')));
  it('create prints what show prints', () => expect(presentSubnetShow(subnet)).toEqual(golden('subnet_create')));
  it('show -f json keeps nexthop and API order', () =>
    expect(presentSubnetShow(subnet, { format: 'json' })).toEqual(golden('subnet_show_json')));
  it('list', () => expect(presentSubnetList([subnet])).toEqual(golden('subnet_list')));
  it('list --long right-aligns IP Version', () => expect(presentSubnetList([subnet], { long: true })).toEqual(golden('subnet_list_long')));
});

describe('port', () => {
  it('show: fixed field order, multi-line fixed_ips', () => expect(presentPortShow(port)).toEqual(golden('port_show')));
  it('show -f json', () => expect(presentPortShow(port, { format: 'json' })).toEqual(golden('port_show_json')));
  it('show -f value', () => expect(presentPortShow(port, { format: 'value' })).toEqual(golden('port_show_value')));
  it('list', () => expect(presentPortList([port])).toEqual(golden('port_list')));
  it('list --long', () => expect(presentPortList([port], { long: true })).toEqual(golden('port_list_long')));
  it('list -f value', () => expect(presentPortList([port], { format: 'value' })).toEqual(golden('port_list_value')));
  it('list -c in typed order, attribute names and unknown names', () =>
    expect(presentPortList([port], { columns: ['status', 'MAC Address', 'bogus'] })).toEqual(golden('port_list_c')));
});

describe('router', () => {
  const routerPorts = routeBody('ports\\?device_id=89dd').ports;
  it('show adds interfaces_info from non-gateway ports', () =>
    expect(presentRouterShow(router, routerPorts)).toEqual(golden('router_show')));
  it('show -f json', () => expect(presentRouterShow(router, routerPorts, { format: 'json' })).toEqual(golden('router_show_json')));
  it('create (gateway unset prints null)', () =>
    expect(presentRouterCreate(routeBody('POST 9696:/v2.0/routers').router)).toEqual(golden('router_create')));
  it('list', () => expect(presentRouterList([router])).toEqual(golden('router_list')));
  it('list --long', () => expect(presentRouterList([router], { long: true })).toEqual(golden('router_list_long')));
});

describe('floating ip', () => {
  it('create', () => expect(presentFloatingIpCreate(fip)).toEqual(golden('fip_create')));
  it('show', () => expect(presentFloatingIpShow(fip)).toEqual(golden('fip_show')));
  it('show -f json', () => expect(presentFloatingIpShow(fip, { format: 'json' })).toEqual(golden('fip_show_json')));
  it('list', () => expect(presentFloatingIpList([fip])).toEqual(golden('fip_list')));
  it('list --long', () => expect(presentFloatingIpList([fip], { long: true })).toEqual(golden('fip_list_long')));
});
