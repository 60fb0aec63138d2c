/**
 * Page bodies are mostly the same records again and again, so records that
 * cannot change (their data set revision is part of how they are found) are
 * serialised once. Without this the simulator spends more time writing JSON
 * than its configured latency, and benchmarks would measure the simulator.
 */
const stable = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/** Declares that `value` is never mutated from now on, so its JSON may be reused. */
export function markStable<T extends object>(value: T): T {
  stable.add(value);
  return value;
}

/** Wire shapes per record, shape key and data revision: the same request gets the same (stable) objects. */
export class ShapeMemo<R extends object, W extends object> {
  private readonly shapes = new WeakMap<R, { revision: number; byKey: Map<string, W> }>();

  get(record: R, revision: number, key: string, make: () => W): W {
    let entry = this.shapes.get(record);
    if (!entry || entry.revision !== revision) {
      entry = { revision, byKey: new Map() };
      this.shapes.set(record, entry);
    }
    let shape = entry.byKey.get(key);
    if (!shape) {
      shape = markStable(make());
      entry.byKey.set(key, shape);
    }
    return shape;
  }
}

/** JSON.stringify, reusing the text of stable objects in a top-level array or an array one property down. */
export function stringifyBody(body: unknown): string {
  if (Array.isArray(body)) return stringifyArray(body);
  if (body === null || typeof body !== 'object' || !Object.values(body).some(Array.isArray)) return JSON.stringify(body);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || typeof value === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${Array.isArray(value) ? stringifyArray(value) : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

function stringifyArray(items: readonly unknown[]): string {
  return `[${items.map(stringifyItem).join(',')}]`;
}

function stringifyItem(item: unknown): string {
  if (item === null || typeof item !== 'object' || !stable.has(item)) return JSON.stringify(item) ?? 'null';
  let text = texts.get(item);
  if (text === undefined) {
    text = JSON.stringify(item);
    texts.set(item, text);
  }
  return text;
}
