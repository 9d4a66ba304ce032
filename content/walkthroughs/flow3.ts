/** Flow 3, attaching an instance to the VXLAN network: port, binding, os-vif, libvirt's TAP, the agent, l2population. */
import { names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import { type FlowGuide, managementIp, serverPort, sh, subjectOf, text } from './guide.js';

const guide: FlowGuide = {
  summary: text(
    'How a new instance gets onto its tenant network: neutron allocates the port\'s MAC and IP and binds it to the compute node, os-vif makes sure the brq bridge exists, and libvirt creates the tap device and puts it in the bridge. The Linux bridge agent then adds vxlan-<VNI>, installs the security-group rules and reports the port up, and l2population tells every VTEP where the new MAC lives.',
    '新实例是怎么接入租户网络的：neutron 分配端口的 MAC 和 IP 并把端口绑定到计算节点，os-vif 确保 brq 网桥存在，libvirt 创建 tap 设备并挂到网桥上。之后 linuxbridge agent 加上 vxlan-<VNI>、装好安全组规则、上报端口 up，l2population 再告诉各个 VTEP 这个新 MAC 在哪里。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool(), computes: [2, 3] });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const server = cloud.db.servers[subjectOf(cloud, 3)]!;
    const port = serverPort(cloud, server);
    const net = cloud.db.networks[port.networkId]!;
    const host = server.host!;
    const ip = port.fixedIps[0]!.ipAddress;
    const brq = names.bridgeName(net.id);
    const tap = names.tapName(port.id);
    const vxlan = names.vxlanName(net.segmentationId!);
    const domain = names.domainName(server.instanceNumber);
    const hostMac = `fe${port.macAddress.slice(2)}`;
    const vtep = managementIp(cloud, host);
    const chain = port.id.slice(0, 10);
    const fdb = sh(cloud, host, `bridge fdb show dev ${vxlan}`).split('\n').filter((l) => l.includes(' dst ')).map((l) => l.replace(/ self permanent$/, ''));
    return [
      text(
        `${server.name}: nova-compute on ${host} creates its port with \`POST /v2.0/ports\` on ${net.name}. neutron generates the MAC from base_mac fa:16:3e plus three random octets (unique per network), ${port.macAddress}, and picks the IP at random among the first 1000 free addresses of the pool: ${ip}.`,
        `${server.name}：${host} 上的 nova-compute 用 \`POST /v2.0/ports\` 在 ${net.name} 上为它创建端口。neutron 用 base_mac 的 fa:16:3e 加三个随机字节生成 MAC（在网络内唯一），本例是 ${port.macAddress}；IP 从地址池前 1000 个空闲地址里随机挑，本例是 ${ip}。`,
      ),
      text(
        `\`PUT /v2.0/ports/${port.id}\` sets binding:host_id=${host} and device_owner ${port.deviceOwner}. ML2's linuxbridge mechanism driver binds it with binding:vif_type bridge and vif_details {"port_filter": true, "connectivity": "l2"}. The port stays DOWN until the L2 and DHCP provisioning blocks are lifted; the DHCP agent lifts its block once the host entry is written and dnsmasq has been sent SIGHUP.`,
        `\`PUT /v2.0/ports/${port.id}\` 写入 binding:host_id=${host} 和 device_owner ${port.deviceOwner}，ML2 的 linuxbridge 机制驱动完成绑定：binding:vif_type 为 bridge，vif_details 为 {"port_filter": true, "connectivity": "l2"}。端口一直是 DOWN，直到 L2 和 DHCP 两个 provisioning block 都解除；DHCP agent 写好 host 条目、给 dnsmasq 发 SIGHUP 后解除它那一个。`,
      ),
      text(
        `On ${host}, os-vif's linux_bridge plugin makes sure ${brq} exists and creates it if it is missing (forward delay 0, STP off, IPv6 off, up).`,
        `在 ${host} 上，os-vif 的 linux_bridge 插件确保 ${brq} 存在，没有就创建（forward delay 0，关闭 STP，禁用 IPv6，up）。`,
      ),
      text(
        `libvirt defines ${domain} with \`<interface type='bridge'>\`: source bridge ${brq}, target dev ${tap}, mac ${port.macAddress}, mtu ${net.mtu}. libvirt, not the neutron agent, creates the TAP device ${tap} (tap<port[:11]>), gives its host side the MAC ${hostMac} and enslaves it to ${brq}. The guest waits, paused.`,
        `libvirt 定义 ${domain}，其中 \`<interface type='bridge'>\` 的 source bridge 是 ${brq}、target dev 是 ${tap}、mac 是 ${port.macAddress}、mtu 是 ${net.mtu}。创建 TAP 设备 ${tap}（tap<端口ID前11位>）的是 libvirt，不是 neutron 的 agent；它给宿主机这一侧设置 MAC ${hostMac}，并把它挂到 ${brq} 上。虚拟机此时处于暂停状态等待。`,
      ),
      text(
        `The Linux bridge agent on ${host} notices ${tap}, fetches its details over RPC and installs the security-group chains neutron-linuxbri-i${chain}, -o${chain} and -s${chain} (physdev matches on the tap). It creates ${vxlan} (local ${vtep}, dstport ${cloud.config.vxlanUdpPort}), adds it to ${brq} and sets the tap's MTU. It does not add the tap to the bridge: for compute: ports libvirt already did.`,
        `${host} 上的 linuxbridge agent 发现 ${tap}，通过 RPC 取到端口详情，装好安全组链 neutron-linuxbri-i${chain}、-o${chain}、-s${chain}（用 physdev 匹配这个 tap）。它创建 ${vxlan}（local ${vtep}，dstport ${cloud.config.vxlanUdpPort}）并加进 ${brq}，设置 tap 的 MTU。它不会再把 tap 加进网桥：compute: 端口 libvirt 已经加过了。`,
      ),
      text(
        'The agent reports the device up, the L2 block is lifted and the port goes ACTIVE. neutron sends network-vif-plugged to nova, and nova-compute resumes the guest.',
        'agent 上报设备 up，L2 block 解除，端口变成 ACTIVE。neutron 向 nova 发送 network-vif-plugged，nova-compute 随即让虚拟机继续运行。',
      ),
      text(
        `l2population programs the overlay. On ${host}, \`bridge fdb show dev ${vxlan}\` now lists ${fdb.map((l) => `\`${l}\``).join(', ')}: a flooding entry (00:00:00:00:00:00) per other host with a port on the network, and the MAC of each port on those hosts. The other hosts on the network get ${port.macAddress} dst ${vtep}, plus a flooding entry if this is the first port of the network on ${host}.`,
        `l2population 负责下发 overlay 转发表。现在 ${host} 上 \`bridge fdb show dev ${vxlan}\` 里有 ${fdb.map((l) => `\`${l}\``).join('、')}：这个网络上其他每台有端口的主机各一条泛洪条目（00:00:00:00:00:00），以及那些主机上每个端口的 MAC。这个网络上的其他主机则得到 ${port.macAddress} dst ${vtep}；如果这是该网络在 ${host} 上的第一个端口，还会多一条泛洪条目。`,
      ),
      text(
        `The guest's eth0 is the virtio NIC backed by that TAP. Inside it shows ${port.macAddress} and, once DHCP has run, ${ip} with MTU ${net.mtu} (DHCP option 26 and libvirt's <mtu>). To find the host side, take tap plus the first 11 characters of the port ID, or run \`virsh domiflist ${domain}\` on ${host}.`,
        `虚拟机里的 eth0 就是以这个 TAP 为后端的 virtio 网卡。虚拟机里看到的 MAC 是 ${port.macAddress}，DHCP 完成后地址是 ${ip}，MTU 为 ${net.mtu}（来自 DHCP 选项 26 和 libvirt 的 <mtu>）。要找宿主机上对应的设备，用 tap 加端口ID前 11 个字符，或者在 ${host} 上执行 \`virsh domiflist ${domain}\`。`,
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'When the VM starts, the neutron-linuxbridge-agent on the compute node creates a new tap device from the port information and connects it to the bridge of the VXLAN network.',
        '虚拟机启动时，计算节点上的 neutron-linuxbridge-agent 根据端口信息创建新的 tap 设备，并连接到 VXLAN 网络所在的网桥上。',
      ),
      actually: text(
        'libvirt creates the TAP and enslaves it to the bridge; os-vif only makes sure the bridge exists. The agent adds vxlan-<VNI>, sets the MTU, installs the security-group rules and reports the port up. It never adds a compute: port to the bridge.',
        'TAP 是 libvirt 创建并挂到网桥上的，os-vif 只负责确保网桥存在。agent 做的是加 vxlan-<VNI>、设 MTU、装安全组规则、上报端口 up；compute: 端口它从不往网桥里加。',
      ),
    },
    {
      expected: text(
        'Instances get the first free address of the subnet, so two VMs booted in a row get .3 and .4.',
        '实例拿的是子网里第一个空闲地址，连着创建两台就是 .3 和 .4。',
      ),
      actually: text(
        'Since Stein, neutron picks at random among the first 1000 free addresses of the pool. Only the DHCP port takes the lowest free address, and a router interface takes the gateway IP.',
        '从 Stein 起，neutron 在地址池前 1000 个空闲地址里随机挑。只有 DHCP 端口拿最小的空闲地址，路由器接口拿网关地址。',
      ),
    },
    {
      expected: text(
        'The instance\'s tap is one end of a veth pair whose other end is the guest\'s eth0.',
        '实例的 tap 是一对 veth 的一端，另一端就是虚拟机里的 eth0。',
      ),
      actually: text(
        'It is a TUN/TAP device: qemu is the other side, and the guest sees a virtio NIC. veth pairs are used only for namespace ports (ns-, qr-, qg-).',
        '它是 TUN/TAP 设备，另一侧是 qemu，虚拟机里看到的是 virtio 网卡。veth 对只用于命名空间的端口（ns-、qr-、qg-）。',
      ),
    },
    {
      expected: text('The tap on the host has the same MAC as the guest\'s NIC.', '宿主机上 tap 的 MAC 和虚拟机网卡的 MAC 一样。'),
      actually: text(
        'The guest has the port MAC fa:16:3e:…; libvirt sets the first octet of the host-side TAP to fe, giving fe:16:3e:….',
        '虚拟机里是端口的 MAC fa:16:3e:…；libvirt 把宿主机侧 TAP 的第一个字节改成 fe，变成 fe:16:3e:…。',
      ),
    },
  ],
};

export default guide;
