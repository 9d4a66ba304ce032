/** Flow 1, creating a VM: keystone, nova-api, conductor, scheduler + Placement, compute, neutron, glance, cinder. */
import { names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import { flowTrace } from '../../engine/flows/trace.js';
import { type FlowGuide, serverPort, subjectOf, text } from './guide.js';

const VOLUMES = ['volume1', 'data-vol', 'vol-a', 'db-data', 'scratch'];

const guide: FlowGuide = {
  summary: text(
    'What happens between `openstack server create` and an ACTIVE instance: nova-api validates and casts to nova-conductor, nova-scheduler picks a host through Placement, and nova-compute creates and binds the port, fetches the image and starts the guest. The guest only runs once neutron reports network-vif-plugged, and a volume is attached through cinder\'s attachments API.',
    '从 `openstack server create` 到实例 ACTIVE 之间发生了什么：nova-api 做校验后 cast 给 nova-conductor，nova-scheduler 借助 Placement 选主机，nova-compute 创建并绑定端口、取镜像、启动虚拟机。只有 neutron 报告 network-vif-plugged 之后虚拟机才真正运行，卷则通过 cinder 的 attachments API 挂载。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    const server = t.instances.at(-1)!.name;
    const volume = pick.one(VOLUMES);
    return {
      scenario: [...t.lines, `openstack volume create --size ${pick.between(1, 10)} ${volume}`, `openstack server add volume ${server} ${volume}`],
      computes: t.computes,
    };
  },
  steps(cloud) {
    const server = cloud.db.servers[subjectOf(cloud, 1)]!;
    const port = serverPort(cloud, server);
    const net = cloud.db.networks[port.networkId]!;
    const host = server.host!;
    const image = cloud.db.images[server.imageId]!.name;
    const flavor = cloud.db.flavors[server.flavorId]!.name;
    const ip = port.fixedIps[0]!.ipAddress;
    const brq = names.bridgeName(net.id);
    const tap = names.tapName(port.id);
    const vxlan = names.vxlanName(net.segmentationId!);
    const domain = names.domainName(server.instanceNumber);
    const volume = cloud.db.volumes[server.volumeIds[0]!]!;
    const device = volume.attachments.find((a) => a.serverId === server.id)!.device;
    const downloaded = flowTrace(cloud, 1).some((s) => s.message.startsWith('GET /v2/images/') && s.message.endsWith('/file'));
    return [
      text(
        'Authenticate: the client (CLI, Horizon or an SDK) sends `POST /v3/auth/tokens` to keystone and gets a Fernet token in the X-Subject-Token header, with the service catalog. Every service called later validates that token with keystonemiddleware\'s auth_token filter, which caches the result, so not every request goes back to keystone.',
        '认证：客户端（CLI、Horizon 或 SDK）向 keystone 发 `POST /v3/auth/tokens`，拿到放在 X-Subject-Token 头里的 Fernet token 和服务目录。之后被调用的每个服务都用 keystonemiddleware 的 auth_token 过滤器校验这个 token，校验结果会缓存，并不是每个请求都要回 keystone。',
      ),
      text(
        `\`POST /v2.1/servers\` (here ${server.name}, flavor ${flavor}, image ${image}, network ${net.name}). nova-api checks policy and quota and, before anything is scheduled, validates the image with glance and the network with neutron. It writes RequestSpec, BuildRequest and InstanceMapping to the nova_api database (no instances row yet) and answers 202 with the server in BUILD.`,
        `\`POST /v2.1/servers\`（本例：${server.name}，flavor ${flavor}，镜像 ${image}，网络 ${net.name}）。nova-api 做策略和配额检查，并且在调度之前就向 glance 校验镜像、向 neutron 校验网络。然后往 nova_api 库写 RequestSpec、BuildRequest 和 InstanceMapping（此时还没有 instances 表的记录），返回 202，虚拟机状态为 BUILD。`,
      ),
      text(
        'nova-api casts `schedule_and_build_instances` to nova-conductor (the super conductor), not to the scheduler. The conductor then makes the RPC call `select_destinations` to nova-scheduler and blocks until it answers.',
        'nova-api 用 RPC cast 把 `schedule_and_build_instances` 发给 nova-conductor（super conductor），而不是发给 scheduler。conductor 再向 nova-scheduler 发起 RPC call `select_destinations`，阻塞等待结果。',
      ),
      text(
        `nova-scheduler asks Placement for candidates (\`GET /allocation_candidates\`), filters and weighs the hosts, then claims the resources on the chosen one in Placement (\`PUT /allocations/${server.id}\`). Here it chose ${host}; alternates are kept for a reschedule.`,
        `nova-scheduler 向 Placement 要候选主机（\`GET /allocation_candidates\`），过滤、称重之后在 Placement 里为选中的主机认领资源（\`PUT /allocations/${server.id}\`）。本例选中的是 ${host}，另外几个备选主机留给重调度用。`,
      ),
      text(
        `The conductor creates the instances row and the block device mappings in the database of the cell that holds ${host}, deletes the BuildRequest and casts \`build_and_run_instance\` to nova-compute on topic compute.${host}.`,
        `conductor 在 ${host} 所属 cell 的数据库里创建 instances 记录和块设备映射，删掉 BuildRequest，再用 RPC cast 把 \`build_and_run_instance\` 发到 compute.${host} 这个 topic 上的 nova-compute。`,
      ),
      text(
        `nova-compute claims the flavor in its resource tracker, then creates the port with \`POST /v2.0/ports\`: neutron IPAM assigns the MAC ${port.macAddress} and a random free address, ${ip}. A \`PUT /v2.0/ports/${port.id}\` with binding:host_id=${host} and device_owner ${port.deviceOwner} makes ML2 bind it (binding:vif_type bridge). The port stays DOWN behind the L2 and DHCP provisioning blocks.`,
        `nova-compute 先在 resource tracker 里认领 flavor 的资源，再用 \`POST /v2.0/ports\` 创建端口：neutron IPAM 分配 MAC ${port.macAddress} 和一个随机的空闲地址 ${ip}。接着 \`PUT /v2.0/ports/${port.id}\` 写入 binding:host_id=${host} 和 device_owner ${port.deviceOwner}，ML2 据此完成绑定（binding:vif_type bridge）。端口保持 DOWN，等 L2 和 DHCP 两个 provisioning block 解除。`,
      ),
      text(
        `Image: nova-compute downloads it with \`GET /v2/images/<id>/file\` into /var/lib/nova/instances/_base only on a cache miss. ${downloaded ? `Here this was the first boot of ${image} on ${host}, so it was downloaded.` : `Here ${image} was already cached on ${host}, so glance was not asked for it.`} Boot from volume skips this step entirely.`,
        `镜像：只有缓存未命中时，nova-compute 才用 \`GET /v2/images/<id>/file\` 把镜像下载到 /var/lib/nova/instances/_base。${downloaded ? `本例是 ${host} 上第一次用 ${image} 启动，所以下载了。` : `本例中 ${host} 已经缓存了 ${image}，没有再找 glance 要。`}从卷启动则完全没有这一步。`,
      ),
      text(
        `os-vif's linux_bridge plugin makes sure ${brq} (brq<net[:11]>) exists on ${host}. libvirt defines ${domain} with \`<interface type='bridge'>\` (source ${brq}, target ${tap}, mtu ${net.mtu}), creates the TAP device ${tap} (tap<port[:11]>) and enslaves it to the bridge. The guest is created paused.`,
        `os-vif 的 linux_bridge 插件确保 ${host} 上有 ${brq}（brq<网络ID前11位>）。libvirt 定义 ${domain}，其中 \`<interface type='bridge'>\` 的 source 是 ${brq}、target 是 ${tap}、mtu 是 ${net.mtu}；由 libvirt 创建 TAP 设备 ${tap}（tap<端口ID前11位>）并挂到网桥上。虚拟机先以暂停状态创建。`,
      ),
      text(
        `On ${host} the Linux bridge agent finds ${tap}, installs its security-group chains, adds ${vxlan} to ${brq} and reports the device up; the DHCP agent has written the host entry and calls dhcp_ready_on_ports. With both blocks lifted the port goes ACTIVE and neutron sends network-vif-plugged to nova (\`POST /v2.1/os-server-external-events\`), and nova-compute resumes the guest. If the event does not arrive within vif_plugging_timeout (300 s), the build fails: vif_plugging_is_fatal defaults to true.`,
        `${host} 上的 linuxbridge agent 发现 ${tap}，装好安全组链，把 ${vxlan} 加进 ${brq}，上报设备 up；DHCP agent 写好 host 条目后调用 dhcp_ready_on_ports。两个 block 都解除后端口变成 ACTIVE，neutron 向 nova 发送 network-vif-plugged（\`POST /v2.1/os-server-external-events\`），nova-compute 随即恢复虚拟机运行。如果 vif_plugging_timeout（300 秒）内没等到这个事件，构建就失败，因为 vif_plugging_is_fatal 默认是 true。`,
      ),
      text(
        'nova-compute saves vm_state active and power_state running through the conductor (a compute node never writes the database itself), and the server shows ACTIVE.',
        'nova-compute 通过 conductor 保存 vm_state active、power_state running（计算节点从不直接写数据库），虚拟机状态变成 ACTIVE。',
      ),
      text(
        `Volume ${volume.name}, attached here after boot with \`openstack server add volume\`: nova-api reserves it with attachment_create (\`POST /v3/attachments\`); nova-compute calls attachment_update with the host connector and gets the iSCSI connection_info, os-brick logs in, libvirt attaches the disk as ${device.replace('/dev/', '')}, and attachment_complete marks the volume in-use. This is cinder's attachments API (3.44+), which nova requires since Train.`,
        `卷 ${volume.name}（本例是启动之后用 \`openstack server add volume\` 挂的）：nova-api 先用 attachment_create（\`POST /v3/attachments\`）预留；nova-compute 带着本机的 connector 调用 attachment_update，拿到 iSCSI 的 connection_info，os-brick 完成登录，libvirt 把磁盘挂成 ${device.replace('/dev/', '')}，最后 attachment_complete 把卷置为 in-use。这就是 cinder 的 attachments API（3.44+），nova 从 Train 起强制使用。`,
      ),
      text(
        `The guest boots and asks DHCP for an address. It gets ${ip}, which neutron IPAM fixed when the port was created; dnsmasq only hands it out (flow 5).`,
        `虚拟机启动后发 DHCP 请求，拿到的是 ${ip}：这个地址在端口创建时就由 neutron IPAM 定好了，dnsmasq 只是把它发下去（见第五部分）。`,
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'nova-api puts a message on RabbitMQ for nova-scheduler; the scheduler reads node data through nova-conductor, picks a host and tells nova-compute to build the VM.',
        'nova-api 经 RabbitMQ 通知 nova-scheduler，scheduler 通过 nova-conductor 读数据库里的节点信息选出主机，再通知 nova-compute 创建虚拟机。',
      ),
      actually: text(
        'Since cells v2, nova-api casts schedule_and_build_instances to nova-conductor. The conductor calls select_destinations on the scheduler, which asks Placement, reads host state from the cell databases itself and claims the resources. The conductor, not the scheduler, casts build_and_run_instance to nova-compute.',
        'cells v2 以后，nova-api 把 schedule_and_build_instances cast 给 nova-conductor。conductor 向 scheduler call select_destinations，scheduler 查询 Placement、自己读 cell 库里的主机状态并认领资源。最后由 conductor（而不是 scheduler）把 build_and_run_instance cast 给 nova-compute。',
      ),
    },
    {
      expected: text('nova-api writes the new instance into the nova database.', 'nova-api 把新实例写进 nova 数据库。'),
      actually: text(
        'nova-api writes only RequestSpec, BuildRequest and InstanceMapping to the nova_api database. The instances row is created in the cell database by the conductor, after scheduling.',
        'nova-api 只往 nova_api 库写 RequestSpec、BuildRequest 和 InstanceMapping。instances 表的记录是调度完成后由 conductor 在 cell 库里创建的。',
      ),
    },
    {
      expected: text(
        'nova-compute gets the network information from neutron, then libvirt starts the VM.',
        'nova-compute 从 neutron 拿到网络信息，然后 libvirt 把虚拟机启动起来。',
      ),
      actually: text(
        'nova-compute creates the port (POST) and binds it (PUT binding:host_id). libvirt starts the guest paused and resumes it only after neutron\'s network-vif-plugged event, which waits for the L2 agent and the DHCP agent; after vif_plugging_timeout (300 s) the build fails.',
        'nova-compute 先创建端口（POST）再绑定（PUT binding:host_id）。libvirt 以暂停状态创建虚拟机，要等 neutron 发来 network-vif-plugged 才恢复运行，而这个事件要等 L2 agent 和 DHCP agent 都完成；超过 vif_plugging_timeout（300 秒）构建就失败。',
      ),
    },
    {
      expected: text('Every boot downloads the image from glance.', '每次创建虚拟机都要从 glance 下载镜像。'),
      actually: text(
        'Only on an image-cache miss (/var/lib/nova/instances/_base on that compute node), and never for boot from volume. nova-api already read the image metadata from glance before scheduling.',
        '只有该计算节点的镜像缓存（/var/lib/nova/instances/_base）未命中时才下载，从卷启动则根本不下载。镜像元数据在调度之前 nova-api 就已经向 glance 查过了。',
      ),
    },
  ],
};

export default guide;
