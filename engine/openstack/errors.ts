/**
 * How the client prints a refused request. openstacksdk raises
 * HttpException subclasses whose text is
 * "<Class>: <status>: Client Error for url: <url>, <service message>".
 */
import type { ServiceError } from '../core/errors.js';

const ENDPOINTS: Record<ServiceError['service'], string> = {
  neutron: 'http://controller:9696',
  nova: 'http://controller:8774/v2.1',
  cinder: 'http://controller:8776/v3',
  glance: 'http://controller:9292',
  keystone: 'http://controller:5000/v3',
};

const CLASS_BY_STATUS: Record<number, string> = {
  400: 'BadRequestException',
  403: 'ForbiddenException',
  404: 'NotFoundException',
  409: 'ConflictException',
};

export function formatServiceError(e: ServiceError): string {
  const cls = CLASS_BY_STATUS[e.status] ?? 'HttpException';
  const kind = e.status >= 500 ? 'Server' : 'Client';
  const path = e.request.replace(/^[A-Z]+ /, '').replace(/^\/v2\.1|^\/v3/, '');
  return `${cls}: ${e.status}: ${kind} Error for url: ${ENDPOINTS[e.service]}${path}, ${e.fault}`;
}
