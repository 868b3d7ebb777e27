/** The shape of the generated 2.x description (src/sandbox/openapi/generated/description.ts). */

/** A JSON Schema (draft 7), converted from the description's OpenAPI 3.0 schema. */
export type JsonSchema = Record<string, unknown> | boolean;

/** A path or query parameter of an operation. */
export interface DescribedParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

/** One operation (method and path) of the description. */
export interface DescribedOperation {
  method: string;
  /** The path as the description writes it: `/contacts/{contact_id}`. */
  path: string;
  operationId?: string;
  parameters: DescribedParameter[];
  /** The JSON request body, when the operation takes one, with the description's first example of it. */
  body?: { required: boolean; schema: JsonSchema; example?: unknown };
  /** The first 2xx answer the description documents, with its first example when it has one. */
  success?: { status: number; example?: unknown };
  /** The JSON body schema of each documented status (`null`: no JSON body). */
  responses: Record<string, JsonSchema | null>;
}

/** What the sandbox needs of the 2.x description. */
export interface SandboxDescription {
  version: string;
  operations: DescribedOperation[];
  /** The description's component schemas, referenced as `intercom#/definitions/<name>`. */
  definitions: Record<string, JsonSchema>;
}
