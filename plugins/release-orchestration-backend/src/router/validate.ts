import { InputError } from '@backstage/errors';
import { describeZodError } from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';

/** Parses request input with a zod schema; failures become a 400 naming the field. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'path',
): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(
      `Invalid request ${where}: ${describeZodError(result.error)}`,
    );
  }
  return result.data;
}
