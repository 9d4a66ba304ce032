/**
 * The part of openstacksdk 3.0.0 (openstack/resource.py) that decides which
 * fields a `show` prints: a resource class declares attributes, each read
 * from one key of the API body, and `Resource.to_dict()` returns every
 * declared attribute (None or its default when the body lacks the key).
 * Network resources also keep body keys they do not declare
 * (`_allow_unknown_attrs_in_body`), which is how neutron's `tenant_id`
 * reaches `openstack network show`.
 *
 * OSC's `get_osc_show_columns_for_sdk_resource` (osc_lib/utils) then renames
 * some attributes, hides others and sorts the names.
 */
import type { PyValue } from './python';

export interface SdkAttr {
  /** The SDK attribute name (what to_dict() returns as key). */
  readonly attr: string;
  /** The API body key it is read from. */
  readonly key: string;
  /** Returned when the body lacks the key (not when it holds null). */
  readonly default?: PyValue;
  /** Another body key read when the value is None (project_id <- tenant_id). */
  readonly alias?: string;
}

export interface SdkModel {
  readonly attrs: readonly SdkAttr[];
  /** NetworkResource sets _allow_unknown_attrs_in_body = True. */
  readonly allowUnknown: boolean;
}

type Body = { readonly [key: string]: PyValue };

function has(body: Body, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(body, key);
}

function readAttr(body: Body, a: SdkAttr): PyValue {
  // The SDK also accepts a body key spelled like the attribute itself.
  let value: PyValue;
  if (has(body, a.key)) value = body[a.key] as PyValue;
  else if (has(body, a.attr)) value = body[a.attr] as PyValue;
  else value = a.default ?? null;
  if (value === null && a.alias !== undefined && has(body, a.alias)) value = body[a.alias] as PyValue;
  return value;
}

/** Resource.to_dict(): unknown body keys first (when allowed), then every declared attribute once. */
export function sdkToDict(model: SdkModel, body: Body): [string, PyValue][] {
  const out = new Map<string, PyValue>();
  if (model.allowUnknown) {
    const known = new Set(model.attrs.flatMap((a) => [a.key, a.attr]));
    for (const [key, value] of Object.entries(body)) if (!known.has(key)) out.set(key, value);
  }
  for (const a of model.attrs) if (!out.has(a.attr)) out.set(a.attr, readAttr(body, a));
  return [...out.entries()];
}

/** The value of one SDK attribute of a body, as getattr(resource, attr) would give it. */
export function sdkGet(model: SdkModel, body: Body, attr: string): PyValue {
  const a = model.attrs.find((x) => x.attr === attr);
  if (a !== undefined) return readAttr(body, a);
  // getattr() on an undeclared name finds unknown body keys, else OSC's default ''.
  return model.allowUnknown && has(body, attr) ? (body[attr] as PyValue) : '';
}

/**
 * get_osc_show_columns_for_sdk_resource: drop hidden names, rename through
 * columnMap (SDK name -> shown name), sort. Returns [shownName, sdkAttr] pairs.
 */
export function oscShowColumns(
  dict: readonly (readonly [string, PyValue])[],
  columnMap: Readonly<Record<string, string>>,
  hidden: readonly string[],
): [string, string][] {
  const display = dict.map(([k]) => k).filter((k) => !hidden.includes(k));
  const shownToAttr = new Map<string, string>();
  for (const [sdkAttr, shown] of Object.entries(columnMap)) {
    const i = display.indexOf(sdkAttr);
    if (i >= 0) {
      shownToAttr.set(shown, sdkAttr);
      display.splice(i, 1);
    }
    if (!display.includes(shown)) display.push(shown);
  }
  return display
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((shown) => [shown, shownToAttr.get(shown) ?? shown]);
}

/** Shorthand for declaring attributes: a name (attribute and API key alike), [attr, key] or [attr, key, default]. */
export function attrs(...list: readonly (string | readonly [string, string, PyValue?])[]): SdkAttr[] {
  return list.map((a) => {
    if (typeof a === 'string') return { attr: a, key: a };
    const [attr, key, def] = a;
    return def === undefined ? { attr, key } : { attr, key, default: def };
  });
}

/** Column declarations for a show: a name shown and read alike, or [shown name, SDK attribute]. */
export function columnPairs(...list: readonly (string | readonly [string, string])[]): readonly (readonly [string, string])[] {
  return list.map((c) => (typeof c === 'string' ? [c, c] : c));
}

/** The attributes every openstacksdk network resource has after its own (NetworkResource + TagMixin). */
export const NETWORK_RESOURCE_TAIL: readonly SdkAttr[] = [
  { attr: 'revision_number', key: 'revision_number' },
  { attr: 'id', key: 'id' },
  { attr: 'name', key: 'name' },
  { attr: 'location', key: '\u0000location' /* computed, never in a body */ },
  { attr: 'tags', key: 'tags', default: [] },
];
