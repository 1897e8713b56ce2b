/**
 * One point per bucket key, in key order: a chart needs the empty hours/days too, or its time axis lies.
 * `make` builds a missing point.
 */
export function fillBuckets<P extends { bucket: string }>(keys: readonly string[], points: Iterable<P>, make: (bucket: string) => P): P[] {
  const byBucket = new Map<string, P>();
  for (const point of points) byBucket.set(point.bucket, point);
  return keys.map((key) => byBucket.get(key) ?? make(key));
}
