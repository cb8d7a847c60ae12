import { z } from 'zod';

/**
 * A permission rule's parameter schema in the shape the permissions registry wants (Standard
 * Schema with JSON Schema conversion): validated with zod, described by the given JSON Schema
 * (the registry's metadata endpoint publishes it, e.g. to RBAC editors).
 */
export function ruleParamsSchema<T extends Record<string, unknown>>(
  schema: z.ZodType<T>,
  jsonSchema: Record<string, unknown>,
) {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'release-orchestration',
      validate(value: unknown) {
        const result = schema.safeParse(value);
        return result.success
          ? { value: result.data }
          : {
              issues: result.error.issues.map(issue => ({
                message: issue.message,
                path: issue.path,
              })),
            };
      },
      jsonSchema: {
        input: () => jsonSchema,
        output: () => jsonSchema,
      },
    },
  };
}
