/**
 * cliff/prettytable/Python details checked against the real client
 * (golden/x_*, captured with golden/cloud-extra.json): CJK widths,
 * --sort-column, -f shell, --noindent, ASCII-escaped JSON, raw -f value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presentNetworkList, presentNetworkShow, PyFloat } from '../../../engine/openstack/present';
import { floatRepr, pyJsonDumps, pyStr } from '../../../engine/openstack/present/python';
import { displayWidth } from '../../../engine/openstack/present/table';
import { golden } from './golden';

const extra = JSON.parse(readFileSync(join(import.meta.dirname, 'golden', 'cloud-extra.json'), 'utf8'));
const nets = extra.network.networks;
const cjk = nets.find((n: { name: string }) => n.name === '网络一');
const selfservice = nets[0];

describe('against the real client', () => {
  it('CJK names take two columns each', () => expect(presentNetworkList(nets)).toEqual(golden('x_net_list_cjk')));
  it('--sort-column Name --sort-descending (stable)', () =>
    expect(presentNetworkList(nets, { sortColumns: ['Name'], sortDescending: true })).toEqual(golden('x_net_list_sort')));
  it('--sort-column Name', () => expect(presentNetworkList(nets, { sortColumns: ['Name'] })).toEqual(golden('x_net_list_sort_asc')));
  it('-f value -c Name -c ID keeps the command order', () =>
    expect(presentNetworkList(nets, { format: 'value', columns: ['Name', 'ID'] })).toEqual(golden('x_net_list_value_repr')));
  it('-f json escapes non-ASCII like Python', () =>
    expect(presentNetworkShow(cjk, { format: 'json', columns: ['name', 'description', 'subnets'] })).toEqual(golden('x_net_show_cjk_json')));
  it('-f value prints strings raw', () =>
    expect(presentNetworkShow(cjk, { format: 'value', columns: ['name', 'description'] })).toEqual(golden('x_net_show_cjk_value')));
  it('-f shell', () =>
    expect(
      presentNetworkShow(selfservice, { format: 'shell', columns: ['name', 'subnets', 'provider:network_type', 'admin_state_up', 'mtu'] }),
    ).toEqual(golden('x_net_show_shell')));
  it('-f json --noindent', () =>
    expect(presentNetworkShow(selfservice, { format: 'json', noindent: true, columns: ['name', 'subnets', 'mtu'] })).toEqual(
      golden('x_net_show_noindent'),
    ));
});

describe('Python text rules', () => {
  it('str() of containers uses repr quoting', () => {
    expect(pyStr(["it's", 'a"b', "both'\""])).toBe(`["it's", 'a"b', 'both\\'"']`);
    expect(pyStr({ a: null, b: true, c: [1, 2] })).toBe("{'a': None, 'b': True, 'c': [1, 2]}");
  });
  it('floats print like Python', () => {
    expect(floatRepr(1)).toBe('1.0');
    expect(floatRepr(0.5)).toBe('0.5');
    expect(floatRepr(1e-7)).toBe('1e-07');
    expect(pyJsonDumps([new PyFloat(1)], 2)).toBe('[\n  1.0\n]');
  });
  it('json.dumps empty containers and nesting', () => {
    expect(pyJsonDumps({ a: [], b: {} }, 2)).toBe('{\n  "a": [],\n  "b": {}\n}');
    expect(pyJsonDumps({ a: [1, { b: 'é' }] }, null)).toBe('{"a": [1, {"b": "\\u00e9"}]}');
  });
  it('display width', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('网络')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});
