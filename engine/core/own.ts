/**
 * Records of the state are plain objects keyed by names that users type
 * (hosts, namespaces, files, IDs): a lookup must see only the record's own
 * keys, never Object.prototype's ("constructor", "__proto__", "toString").
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
