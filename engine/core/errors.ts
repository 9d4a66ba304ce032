/**
 * Typed failures. The engine throws nothing else on bad input: a service
 * refusing a request, the client refusing a command line, or a step budget
 * overrun. The command layer turns each into the text the real client prints.
 */

export type Service = 'neutron' | 'nova' | 'cinder' | 'glance' | 'keystone';

/** A REST API refused a request; nothing changed. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly service: Service,
    /** HTTP status, e.g. 409. */
    readonly status: number,
    /** The service's exception type, e.g. "IpAddressGenerationFailure" (neutron's `type`). */
    readonly type: string,
    /** The service's own message, e.g. "No more IP addresses available on network <id>." */
    readonly fault: string,
    /** Request that failed, e.g. "POST /v2.0/ports", for the client's "for url" text. */
    public request = '',
  ) {
    super(fault);
  }
}

/** The client itself refused: unknown resource name, ambiguous name, bad argument. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(readonly clientMessage: string, readonly exitCode = 1) {
    super(clientMessage);
  }
}

/** The emulator was asked for more work than its step budget allows. */
export class BudgetError extends Error {
  override readonly name = 'BudgetError';
  constructor(readonly limit: number) {
    super(`step budget of ${limit} exceeded`);
  }
}

export type EngineError = ServiceError | ClientError | BudgetError;

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof ServiceError || e instanceof ClientError || e instanceof BudgetError;
}

export const neutronError = (status: number, type: string, fault: string, request = '') =>
  new ServiceError('neutron', status, type, fault, request);
