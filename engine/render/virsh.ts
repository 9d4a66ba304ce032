/** `virsh list [--all]` and `virsh dumpxml DOMAIN` on a compute node. */
import type { Domain, Host } from '../core/types.js';

/** vshTable: columns padded to their widest cell, three spaces apart, a dash rule under the header. */
export function renderVirshList(host: Host, all: boolean): string {
  const rows = host.domains.filter((d) => all || d.state !== 'shut off').map((d) => [d.state === 'shut off' ? '-' : String(d.id), d.name, d.state]);
  const header = ['Id', 'Name', 'State'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => ` ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('   ')}`;
  const headerLine = line(header);
  const width = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1) + 4;
  return [headerLine, '-'.repeat(width), ...rows.map(line), ''].map((l) => `${l}\n`).join('');
}

export function findDomain(host: Host, key: string): Domain | undefined {
  return host.domains.find((d) => d.name === key || d.uuid === key || String(d.id) === key);
}

export function renderDumpxml(domain: Domain): string {
  const disks = domain.disks.map((d, i) =>
    d.kind === 'file'
      ? [`    <disk type='file' device='disk'>`, `      <driver name='qemu' type='qcow2' cache='none'/>`, `      <source file='${d.source}'/>`, `      <target dev='${d.target}' bus='virtio'/>`, `      <alias name='virtio-disk${i}'/>`, `    </disk>`]
      : [`    <disk type='block' device='disk'>`, `      <driver name='qemu' type='raw' cache='none' io='native'/>`, `      <source dev='${d.source}'/>`, `      <target dev='${d.target}' bus='virtio'/>`, `      <alias name='virtio-disk${i}'/>`, `    </disk>`],
  ).flat();
  const nics = domain.interfaces.map((n, i) => [
    `    <interface type='bridge'>`,
    `      <mac address='${n.mac}'/>`,
    `      <source bridge='${n.bridge}'/>`,
    `      <target dev='${n.tap}'/>`,
    `      <model type='virtio'/>`,
    `      <mtu size='${n.mtu}'/>`,
    `      <alias name='net${i}'/>`,
    `      <address type='pci' domain='0x0000' bus='0x00' slot='0x${(3 + i).toString(16).padStart(2, '0')}' function='0x0'/>`,
    `    </interface>`,
  ]).flat();
  return [
    `<domain type='kvm' id='${domain.id}'>`,
    `  <name>${domain.name}</name>`,
    `  <uuid>${domain.uuid}</uuid>`,
    `  <memory unit='KiB'>${domain.memoryKiB}</memory>`,
    `  <currentMemory unit='KiB'>${domain.memoryKiB}</currentMemory>`,
    `  <vcpu placement='static'>${domain.vcpus}</vcpu>`,
    `  <os>`, `    <type arch='x86_64' machine='pc-i440fx-8.2'>hvm</type>`, `    <boot dev='hd'/>`, `  </os>`,
    `  <devices>`, `    <emulator>/usr/bin/qemu-system-x86_64</emulator>`, ...disks, ...nics, `  </devices>`,
    `</domain>`, '',
  ].join('\n');
}
