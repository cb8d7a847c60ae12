import { CliError, ExitCode } from './exitCodes';

const SYSTEM_REF =
  /^(?:system:)?(?:([A-Za-z0-9][A-Za-z0-9._-]*)\/)?([A-Za-z0-9][A-Za-z0-9._-]*)$/;

/** A System given as `system:default/shop`, `default/shop` or `shop`: its full ref and API path. */
export function parseSystem(
  value: string,
  flag = 'system',
): { ref: string; path: string } {
  const match = SYSTEM_REF.exec(value.trim());
  if (!match) {
    throw new CliError(
      `--${flag}: '${value}' is not a System like system:default/shop`,
      ExitCode.usage,
    );
  }
  const namespace = (match[1] ?? 'default').toLowerCase();
  const name = match[2].toLowerCase();
  return {
    ref: `system:${namespace}/${name}`,
    path: `/systems/${encodeURIComponent(namespace)}/${encodeURIComponent(
      name,
    )}`,
  };
}
