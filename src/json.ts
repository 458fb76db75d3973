// JSON values as the runtime reads them.

/** A JSON object (not an array, not null). */
export type JsonObject = { [key: string]: unknown };

export const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);
