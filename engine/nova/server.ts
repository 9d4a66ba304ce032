/**
 * nova-api and nova-conductor for `openstack server create` and `server
 * delete`: the modern (cells v2, Placement) sequence. nova-api validates and
 * writes the BuildRequest to the nova_api database, casts to the conductor,
 * which calls the scheduler, creates the instance in the cell database and
 * casts build_and_run_instance to the chosen compute node.
 */
import type { Ctx } from '../core/context.js';
import { ServiceError } from '../core/errors.js';
import type { Server } from '../core/types.js';
import { isAdmin } from '../neutron/policy.js';
import { buildAndRunInstance, terminateInstance } from './compute.js';
import { selectDestination } from './scheduler.js';
import { forgetGuest } from '../packets/guest.js';

const novaError = (status: number, type: string, message: string) => new ServiceError('nova', status, type, message, 'POST /v2.1/servers');

export type NicRequest = { netId: string } | { portId: string; fixedIp?: never } | { netId: string; fixedIp: string };

export interface CreateServerRequest {
  id?: string;
  name: string;
  flavorId: string;
  imageId: string;
  nics: NicRequest[];
  /** `--availability-zone nova:HOST` forces the host (admin only). */
  forcedHost?: string;
  availabilityZone?: string;
}

function validateNics(ctx: Ctx, nics: NicRequest[]): void {
  const db = ctx.cloud.db;
  const seen = new Set<string>();
  for (const nic of nics) {
    if ('portId' in nic) {
      if (seen.has(nic.portId)) throw novaError(409, 'PortInUse', `Port ${nic.portId} is still in use.`);
      seen.add(nic.portId);
      const port = db.ports[nic.portId];
      if (!port) throw novaError(400, 'PortNotFound', `Port ${nic.portId} could not be found.`);
      if (port.deviceId) throw novaError(409, 'PortInUse', `Port ${nic.portId} is still in use.`);
    } else if (!db.networks[nic.netId]) {
      throw novaError(400, 'NetworkNotFound', `Network ${nic.netId} could not be found.`);
    }
  }
}

export function createServer(ctx: Ctx, req: CreateServerRequest): Server {
  const db = ctx.cloud.db;
  if (!db.flavors[req.flavorId]) throw novaError(400, 'FlavorNotFound', `Flavor ${req.flavorId} could not be found.`);
  if (!db.images[req.imageId]) throw novaError(400, 'ImageNotFound', `Image ${req.imageId} could not be found.`);
  if (req.id && db.servers[req.id]) throw novaError(409, 'Conflict', `Instance ${req.id} already exists.`);
  if (req.forcedHost !== undefined && !isAdmin(ctx)) {
    throw novaError(403, 'Forbidden', 'Policy doesn\'t allow os_compute_api:servers:create:forced_host to be performed.');
  }
  if (req.availabilityZone && req.availabilityZone !== ctx.cloud.config.availabilityZone) {
    throw novaError(400, 'InvalidRequest', `The requested availability zone is not available`);
  }
  const nics = req.nics.length ? req.nics : defaultNics(ctx);
  validateNics(ctx, nics);
  const image = db.images[req.imageId]!;
  const id = req.id ?? ctx.random.uuid('server');
  const server: Server = {
    id, name: req.name, projectId: ctx.cloud.currentProject, instanceNumber: db.nextInstanceNumber++,
    flavorId: req.flavorId, imageId: req.imageId, host: null, status: 'BUILD', powerState: 'NOSTATE',
    portIds: [], ownedPortIds: [], pendingVifEvents: [], volumeIds: [], availabilityZone: ctx.cloud.config.availabilityZone, fault: null,
    createdAt: ctx.now, updatedAt: ctx.now,
  };
  db.servers[id] = server;
  const subjects = [id];
  const defaults = { flows: [1], subjects };
  const emit = (e: Parameters<Ctx['emit']>[0]) => ctx.emit(e, defaults);
  emit({ from: 'client', to: 'keystone', channel: 'REST', name: 'POST /v3/auth/tokens', detail: 'password authentication; the token comes back in X-Subject-Token (Fernet) with the service catalog', seedStep: 1 });
  emit({ from: 'client', to: 'nova-api', channel: 'REST', name: 'POST /v2.1/servers', detail: `X-Auth-Token; body: name ${req.name}, flavorRef ${req.flavorId}, imageRef ${image.id}, networks ${JSON.stringify(nics)}`, seedStep: 3 });
  emit({ from: 'nova-api', to: 'keystone', channel: 'REST', name: 'GET /v3/auth/tokens', detail: 'keystonemiddleware auth_token validates the token (cached after the first check), then oslo.policy checks the request', seedStep: 4, note: 'Steps 4-5 of the seed: right, but the validation is cached, so not every request reaches keystone.' });
  emit({ from: 'nova-api', to: 'glance-api', channel: 'REST', name: `GET /v2/images/${image.id}`, detail: `image ${image.name} metadata checked before anything is scheduled`, note: 'The seed has glance only at step 10; nova-api already validates the image here.' });
  emit({ from: 'nova-api', to: 'neutron-server', channel: 'REST', name: 'GET /v2.0/networks', detail: 'validate_networks: requested networks and ports exist and are usable' });
  emit({ from: 'nova-api', to: 'nova_api DB', channel: 'SQL', name: 'INSERT request_specs, build_requests, instance_mappings', detail: `RequestSpec, BuildRequest and InstanceMapping for ${id}; vm_state building, task_state scheduling. No instances row yet. nova-api answers 202 with the server in BUILD.`, seedStep: 6, note: 'The seed says nova-api writes "the nova DB": it writes the nova_api database only; the instances row comes later, in the cell database, from the conductor.' });
  emit({ from: 'nova-api', to: 'nova-conductor', channel: 'RPC cast', name: 'schedule_and_build_instances', detail: 'to the super conductor, not to the scheduler', seedStep: 6, note: 'The seed sends this message to nova-scheduler; since cells v2 it goes to nova-conductor.' });
  const host = selectDestination(ctx, server, req.forcedHost, subjects);
  if (!host) {
    server.status = 'ERROR';
    server.fault = { code: 500, message: 'No valid host was found. ' };
    emit({ from: 'nova-conductor', to: 'nova cell DB', channel: 'SQL', name: 'UPDATE instances SET vm_state=error', detail: 'NoValidHost: the build stops here and the server shows ERROR' });
    return server;
  }
  server.host = host;
  emit({ from: 'nova-conductor', to: 'nova cell DB', channel: 'SQL', name: 'INSERT instances, block_device_mappings', detail: `instance.create() in the cell of ${host}; BuildRequest deleted, InstanceMapping points at the cell`, note: 'The seed has the conductor read node data for the scheduler; in reality the scheduler reads host state itself and the conductor creates the instance record after scheduling.' });
  emit({ from: 'nova-conductor', to: `nova-compute@${host}`, channel: 'RPC cast', name: 'build_and_run_instance', detail: `topic compute.${host}`, seedStep: 8, note: 'The seed has the scheduler send this; it is the conductor.' });
  buildAndRunInstance(ctx, server, nics);
  return server;
}

/** With no --nic, nova uses the only network the project can see; more than one is ambiguous. */
function defaultNics(ctx: Ctx): NicRequest[] {
  const visible = Object.values(ctx.cloud.db.networks).filter((n) => !n.external && (n.shared || n.projectId === ctx.cloud.currentProject));
  if (visible.length === 0) return [];
  if (visible.length > 1) throw novaError(409, 'NetworkAmbiguous', 'Multiple possible networks found, use a Network ID to be more specific.');
  return [{ netId: visible[0]!.id }];
}

export function deleteServer(ctx: Ctx, id: string): void {
  const server = ctx.cloud.db.servers[id];
  if (!server) throw new ServiceError('nova', 404, 'InstanceNotFound', `Instance ${id} could not be found.`, `DELETE /v2.1/servers/${id}`);
  ctx.emit({ from: 'client', to: 'nova-api', channel: 'REST', name: `DELETE /v2.1/servers/${id}`, detail: `server ${server.name}`, flows: [1], subjects: [id] });
  terminateInstance(ctx, server);
  delete ctx.cloud.db.servers[id];
  forgetGuest(ctx.cloud, server);
}
