import { describe, expect, it } from 'vitest';
import { presentNetworkList, presentNetworkShow } from '../../../engine/openstack/present';
import { byName, cloud, golden } from './golden';

const nets = cloud.network.networks;
const selfservice = byName(nets, 'selfservice');
// The fake's list answer: every network in fixture order except the later-added provider net.
const listed = nets.filter((n) => n.name !== 'provider');

describe('network show / create', () => {
  it('table', () => expect(presentNetworkShow(selfservice)).toEqual(golden('net_show')));
  it('create prints what show prints', () => expect(presentNetworkShow(selfservice)).toEqual(golden('net_create')));
  it('-f json', () => expect(presentNetworkShow(selfservice, { format: 'json' })).toEqual(golden('net_show_json')));
  it('-f value', () => expect(presentNetworkShow(selfservice, { format: 'value' })).toEqual(golden('net_show_value')));
  it('-c keeps the client order', () =>
    expect(presentNetworkShow(selfservice, { columns: ['subnets', 'admin_state_up', 'name'] })).toEqual(golden('net_show_c')));
  it('-c with -f json', () =>
    expect(
      presentNetworkShow(selfservice, { columns: ['subnets', 'admin_state_up', 'router:external'], format: 'json' }),
    ).toEqual(golden('net_show_c_json')));
  it('-c with an unknown column', () =>
    expect(presentNetworkShow(selfservice, { columns: ['nosuch'] })).toEqual(golden('net_show_badcol')));
});

describe('network list', () => {
  it('table', () => expect(presentNetworkList(listed)).toEqual(golden('net_list')));
  it('--long', () => expect(presentNetworkList(listed, { long: true })).toEqual(golden('net_list_long')));
  it('-f value', () => expect(presentNetworkList(listed, { format: 'value' })).toEqual(golden('net_list_value')));
  it('-f json', () => expect(presentNetworkList(listed, { format: 'json' })).toEqual(golden('net_list_json')));
  it('-c', () => expect(presentNetworkList(listed, { columns: ['Subnets', 'ID'] })).toEqual(golden('net_list_c')));
  it('-c unknown', () => expect(presentNetworkList(listed, { columns: ['nosuch'] })).toEqual(golden('net_list_badcol')));
  it('empty list prints a blank line', () => expect(presentNetworkList([])).toEqual(golden('net_list_empty')));
});
