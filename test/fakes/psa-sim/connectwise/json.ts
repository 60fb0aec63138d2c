/** The JSON values the ConnectWise face builds and reads back (wire records, bodies). */
export type Json = string | number | boolean | null | JsonObject | readonly Json[];

export interface JsonObject {
  readonly [key: string]: Json;
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows `path` through nested objects; undefined when a step is missing or not an object. */
export function readPath(record: JsonObject, path: readonly string[]): Json | undefined {
  let current: Json | undefined = record;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
