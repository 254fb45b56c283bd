/**
 * Records keyed by names people write (skills, queues, emails) must take any name, `__proto__` included, as an
 * own property: plain assignment would set the prototype instead.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** The own value at key (never an inherited one such as `toString`). */
export function getOwn<T>(source: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(source, key) ? source[key] : undefined;
}
