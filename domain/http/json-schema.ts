/** JSON values and the JSON Schema of a zod schema, as the OpenAPI document is made of them. */
import 'server-only';
import { z } from 'zod';

/** A JSON value: what the document is made of (no functions, no undefined). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * The JSON Schema 2020-12 (what OpenAPI 3.1 schema objects are) of a zod schema, without
 * `$schema`: as the client sends it (`input`) or as the API answers it (`output`).
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as unknown as JsonObject;
  const { $schema: _dialect, ...rest } = generated;
  return rest;
}
