import { Value } from '../model/tables';

const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One value in PostgreSQL's COPY text format. */
export function copyValue(value: Value): string {
  if (value === null) {
    return '\\N';
  }
  if (typeof value === 'boolean') {
    return value ? 't' : 'f';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  return value.replace(/[\\\t\n\r]/g, c => ESCAPES[c]);
}

/** One row in COPY text format, newline included. */
export function copyLine(row: Value[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    line += (i === 0 ? '' : '\t') + copyValue(row[i]);
  }
  return `${line}\n`;
}
