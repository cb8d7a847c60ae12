import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { API, BaseRequest } from './fuzzFixtures';
import { FuzzOperation } from './fuzzOperations';
import {
  DeepNesting,
  encodeUriLoosely,
  unknownFieldNames,
  wildHeaderValue,
  wildJson,
  wildUrlString,
} from './fuzzValues';

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** One way to break a well-formed request. */
export type Mutation =
  | { kind: 'body-field'; name: string; value: unknown }
  | { kind: 'body-drop'; name: string }
  | { kind: 'body-poison'; name: string; suffix: string }
  | { kind: 'body-unknown'; name: string; value: unknown }
  | { kind: 'body-whole'; value: unknown }
  | { kind: 'bad-json'; raw: string }
  | { kind: 'content-type'; type: string; raw: string }
  | { kind: 'oversized'; bytes: number }
  | {
      kind: 'query';
      name: string;
      value: string | string[] | Record<string, string>;
    }
  | { kind: 'query-drop'; name: string }
  | { kind: 'query-poison'; name: string; suffix: string }
  | { kind: 'path'; name: string; value: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'method'; method: (typeof ALL_METHODS)[number] };

/**
 * What turns a valid value into one the database cannot store or that overflows its column:
 * NUL, lone surrogates, and a length past the 255 characters of a `varchar` column.
 */
const poison = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000', '\ud800', '\udfff', 'x\udbff'),
  fc.integer({ min: 200, max: 3000 }).map(n => 'z'.repeat(n)),
);

const queryValue: fc.Arbitrary<string | string[] | Record<string, string>> =
  fc.oneof(
    { weight: 6, arbitrary: wildUrlString },
    fc.array(wildUrlString, { minLength: 2, maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'gt', '0'), wildUrlString, {
      minKeys: 1,
      maxKeys: 2,
    }),
  );

/** The mutations of one operation that fast-check draws from, given its well-formed request. */
export function mutationsOf(
  operation: FuzzOperation,
  base: BaseRequest,
  otherMethods: string[],
): fc.Arbitrary<Mutation> {
  const choices: Array<fc.WeightedArbitrary<Mutation>> = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<Mutation>) =>
    choices.push({ weight, arbitrary });
  if (operation.bodyFields) {
    const fields = [
      ...new Set([...operation.bodyFields, ...Object.keys(base.body ?? {})]),
    ];
    if (fields.length > 0) {
      add(
        12,
        fc.record({
          kind: fc.constant('body-field' as const),
          name: fc.constantFrom(...fields),
          value: wildJson,
        }),
      );
      add(
        2,
        fc.record({
          kind: fc.constant('body-drop' as const),
          name: fc.constantFrom(...fields),
        }),
      );
      const strings = fields.filter(f => typeof base.body?.[f] === 'string');
      if (strings.length > 0) {
        add(
          8,
          fc.record({
            kind: fc.constant('body-poison' as const),
            name: fc.constantFrom(...strings),
            suffix: poison,
          }),
        );
      }
    }
    add(
      2,
      fc.record({
        kind: fc.constant('body-unknown' as const),
        // A name the operation declares (CloudEvents' `id`) is not unknown to it.
        name: fc.constantFrom(
          ...unknownFieldNames.filter(n => !fields.includes(n)),
        ),
        value: wildJson,
      }),
    );
    add(
      2,
      fc.record({ kind: fc.constant('body-whole' as const), value: wildJson }),
    );
    add(
      1,
      fc.record({
        kind: fc.constant('bad-json' as const),
        raw: fc.constantFrom('{"a":', '{x}', "{'a':1}", '[1,]', '\u0000'),
      }),
    );
    add(
      2,
      fc.record({
        kind: fc.constant('content-type' as const),
        type: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/jsonx',
        ),
        raw: fc.constantFrom(
          JSON.stringify(base.body ?? {}),
          'a=1&b=2',
          '<a/>',
        ),
      }),
    );
    add(
      1,
      fc.record({
        kind: fc.constant('oversized' as const),
        bytes: fc.integer({ min: 1_100_000, max: 2_000_000 }),
      }),
    );
  }
  const query = operation.parameters
    .filter(p => p.in === 'query')
    .map(p => p.name);
  const queryNames = [...new Set([...query, ...Object.keys(base.query)])];
  if (queryNames.length > 0) {
    add(
      8,
      fc.record({
        kind: fc.constant('query' as const),
        name: fc.constantFrom(...queryNames),
        value: queryValue,
      }),
    );
    add(
      1,
      fc.record({
        kind: fc.constant('query-drop' as const),
        name: fc.constantFrom(...queryNames),
      }),
    );
    const present = Object.keys(base.query);
    if (present.length > 0) {
      add(
        4,
        fc.record({
          kind: fc.constant('query-poison' as const),
          name: fc.constantFrom(...present),
          suffix: poison,
        }),
      );
    }
  }
  add(
    1,
    fc.record({
      kind: fc.constant('query' as const),
      name: fc.constantFrom('unknown', 'cursor', 'limit'),
      value: queryValue,
    }),
  );
  const pathNames = operation.parameters
    .filter(p => p.in === 'path')
    .map(p => p.name);
  if (pathNames.length > 0) {
    add(
      4,
      fc.record({
        kind: fc.constant('path' as const),
        name: fc.constantFrom(...pathNames),
        value: wildUrlString.filter(v => v.length > 0),
      }),
    );
  }
  const headers = operation.parameters
    .filter(p => p.in === 'header')
    .map(p => p.name);
  if (headers.length > 0) {
    add(
      2,
      fc.record({
        kind: fc.constant('header' as const),
        name: fc.constantFrom(...headers),
        value: wildHeaderValue,
      }),
    );
  }
  const unsupported = ALL_METHODS.filter(m => !otherMethods.includes(m));
  if (unsupported.length > 0) {
    add(
      1,
      fc.record({
        kind: fc.constant('method' as const),
        method: fc.constantFrom(...unsupported),
      }),
    );
  }
  return fc.oneof(...choices);
}

function queryString(
  query: Record<string, string | string[] | Record<string, string>>,
): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    const key = encodeUriLoosely(name);
    if (Array.isArray(value)) {
      parts.push(...value.map(v => `${key}=${encodeUriLoosely(v)}`));
    } else if (typeof value === 'object') {
      parts.push(
        ...Object.entries(value).map(
          ([sub, v]) =>
            `${key}[${encodeUriLoosely(sub)}]=${encodeUriLoosely(v)}`,
        ),
      );
    } else {
      parts.push(`${key}=${encodeUriLoosely(value)}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The concrete path of an operation with its path parameters. */
export function concretePath(
  template: string,
  params: Record<string, string>,
): string {
  return template.replace(/\{(\w+)\}/g, (_, name) =>
    encodeUriLoosely(params[name] ?? 'x'),
  );
}

let sequence = 0;

/**
 * Sends the base request of an operation with one mutation applied. The base's `unique` fields
 * get a fresh suffix each time, so that a create is new (not an idempotent repeat or a 409) and
 * the mutated value reaches the database.
 */
export async function sendMutated(
  server: any,
  operation: FuzzOperation,
  base: BaseRequest,
  mutation: Mutation,
) {
  sequence += 1;
  const params = { ...base.path };
  const query: Record<string, string | string[] | Record<string, string>> = {
    ...base.query,
  };
  const headers = { ...base.headers };
  let body: unknown = base.body === undefined ? undefined : { ...base.body };
  for (const name of base.unique ?? []) {
    const value = (body as Record<string, unknown> | undefined)?.[name];
    if (typeof value === 'string') {
      (body as Record<string, unknown>)[name] = `${value}-${sequence}`;
    }
  }
  let method: string = operation.method;
  let raw: { type: string; text: string } | undefined;
  switch (mutation.kind) {
    case 'body-field':
      (body as Record<string, unknown>)[mutation.name] = mutation.value;
      break;
    case 'body-drop':
      delete (body as Record<string, unknown>)[mutation.name];
      break;
    case 'body-poison':
      (body as Record<string, unknown>)[mutation.name] = `${
        (body as Record<string, unknown>)[mutation.name]
      }${mutation.suffix}`;
      break;
    case 'body-unknown':
      // defineProperty: a plain assignment of __proto__ would set the prototype, not a field.
      Object.defineProperty(body, mutation.name, {
        value: mutation.value,
        enumerable: true,
      });
      break;
    case 'body-whole':
      body = mutation.value;
      break;
    case 'bad-json':
      raw = { type: 'application/json', text: mutation.raw };
      break;
    case 'content-type':
      raw = { type: mutation.type, text: mutation.raw };
      break;
    case 'oversized':
      raw = {
        type: 'application/json',
        text: JSON.stringify({
          ...(base.body ?? {}),
          padding: 'x'.repeat(mutation.bytes),
        }),
      };
      break;
    case 'query':
      query[mutation.name] = mutation.value;
      break;
    case 'query-drop':
      delete query[mutation.name];
      break;
    case 'query-poison':
      query[mutation.name] = `${query[mutation.name]}${mutation.suffix}`;
      break;
    case 'path':
      params[mutation.name] = mutation.value;
      break;
    case 'header':
      headers[mutation.name] = mutation.value;
      break;
    case 'method':
      method = mutation.method;
      break;
    default:
      break;
  }
  const url = `${API}${concretePath(operation.template, params)}${queryString(
    query,
  )}`;
  let req = (request(server) as any)
    [method](url)
    .set('Authorization', mockCredentials.service.header());
  for (const [name, value] of Object.entries(headers)) {
    req = req.set(name, value);
  }
  if (raw) {
    return req.set('Content-Type', raw.type).send(raw.text);
  }
  if (body !== undefined && method !== 'get') {
    return req
      .set('Content-Type', operation.bodyContentType ?? 'application/json')
      .send(JSON.stringify(body));
  }
  return req;
}

/** A short, printable description of a mutation for failure messages. */
export function describeMutation(mutation: Mutation): string {
  // JSON.stringify calls toJSON before a replacer sees the value: print DeepNesting by name first.
  const shown =
    'value' in mutation && mutation.value instanceof DeepNesting
      ? { ...mutation, value: String(mutation.value) }
      : mutation;
  return JSON.stringify(shown, (_key, value) =>
    typeof value === 'string' && value.length > 60
      ? `${value.slice(0, 60)}…(${value.length})`
      : value,
  ).slice(0, 300);
}
