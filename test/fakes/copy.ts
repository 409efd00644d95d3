/**
 * What a store hands back is never the caller's own object: DynamoDB and S3 serialise, so a use case that
 * mutates what it wrote (or read) must not change what is stored. Undefined properties are dropped, as the
 * document client's `removeUndefinedValues` does.
 */
export function stored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
