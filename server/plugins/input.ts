import type { FastifySchemaCompiler } from 'fastify';
import fp from 'fastify-plugin';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { Problem } from '../lib/problem.js';

/**
 * Input that would be stored or read differently from what was sent is refused here, once for
 * every route: NUL and lone surrogates in strings, invalid UTF-8, compressed bodies, and numbers
 * in the query or path that are not written as plain integers.
 */

/** Plain decimal integers only: `1.5`, `0x10`, `1e1`, ` 5` and `` are not quietly turned into numbers. */
const INTEGER_TEXT = /^-?\d+$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
/** NUL, or half of a surrogate pair without its other half (both unstorable as UTF-8 text). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (or object key) holding a NUL or an unpaired surrogate, if any. */
export function findInvalidCharacters(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findInvalidCharacters(value[index], `${path}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (UNSTORABLE.test(key)) return `${path}.${printable(key)}`;
    const item = (value as Record<string, unknown>)[key];
    // The path is spelled out only for what holds a string: this walks every field of every request.
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) return `${path}.${printable(key)}`;
    } else if (typeof item === 'object' && item !== null) {
      const found = findInvalidCharacters(item, `${path}.${printable(key)}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** A field name safe to echo in a problem: NUL and lone surrogates shown as escapes. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000\ud800-\udfff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const invalidCharacters = (field: string) =>
  new Problem(400, 'invalid_characters', 'Invalid characters', `${field} contains a NUL character or an unpaired surrogate, which cannot be stored.`, [
    { field, message: 'contains a NUL character or an unpaired surrogate' },
  ]);

/** Query and path fields whose values must be written as an integer or a number, with the pattern for each. */
function numericFields(schema: TSchema): [string, RegExp][] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.entries(properties).flatMap(([name, property]): [string, RegExp][] =>
    property.type === 'integer' ? [[name, INTEGER_TEXT]] : property.type === 'number' ? [[name, NUMBER_TEXT]] : [],
  );
}

/**
 * For a query or path schema whose fields are all strings, integers or numbers (every list's
 * `limit` and `cursor`, every id): each field's number pattern, or null for a string. Such input
 * is converted by `convertPlain`, which gives what Value.Convert gives for it, without walking the
 * schema on every request.
 */
function plainFields(schema: TSchema): Map<string, RegExp | null> | undefined {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties;
  if (!properties) return undefined;
  const fields = new Map<string, RegExp | null>();
  for (const [name, property] of Object.entries(properties)) {
    if (property.type === 'string') fields.set(name, null);
    else if (property.type === 'integer') fields.set(name, INTEGER_TEXT);
    else if (property.type === 'number') fields.set(name, NUMBER_TEXT);
    else return undefined;
  }
  return fields;
}

/** Numbers written as plain numbers become numbers; anything else stays text for the check to refuse. Undefined: not plain input. */
function convertPlain(fields: Map<string, RegExp | null>, value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const converted: Record<string, unknown> = {};
  for (const name in value) {
    const text = (value as Record<string, unknown>)[name];
    const pattern = fields.get(name);
    if (pattern === undefined || typeof text !== 'string') return undefined;
    converted[name] = pattern !== null && pattern.test(text) ? Number(text) : text;
  }
  return converted;
}

/**
 * The TypeBox validator of every route, with the checks above. (`@fastify/type-provider-typebox`'s
 * own compiler converts `limit=1.5` to 1.)
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  const part = httpPart === 'querystring' || httpPart === 'params' || httpPart === 'headers' ? httpPart : 'body';
  const numeric = part === 'body' ? [] : numericFields(schema);
  const plain = part === 'querystring' || part === 'params' ? plainFields(schema) : undefined;
  return (value: unknown) => {
    if (part !== 'headers') {
      const field = findInvalidCharacters(value, part);
      if (field) return { error: invalidCharacters(field) };
    }
    let converted = value;
    const plainInput = plain && convertPlain(plain, value);
    if (plainInput) converted = plainInput;
    else if (part !== 'body') {
      // Text that is not a plain number stays text (and fails the check) instead of being converted loosely.
      const fields = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      const malformed = numeric.filter(([name, pattern]) => typeof fields[name] === 'string' && !pattern.test(fields[name]));
      const kept = malformed.map(([name]) => [name, fields[name]] as const);
      converted = Value.Convert(schema, value);
      if (kept.length > 0) converted = { ...(converted as object), ...Object.fromEntries(kept) };
    }
    if (check.Check(converted)) return { value: converted };
    return { error: check.Errors(converted) as never };
  };
};

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Declared as a Fastify plugin so the parser and hook apply to every route. */
export const inputPlugin = fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    // As a buffer, so bytes that are not UTF-8 are refused instead of becoming U+FFFD.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string;
      try {
        text = strictUtf8.decode(body as Buffer);
      } catch {
        done(new Problem(400, 'invalid_utf8', 'Invalid UTF-8', 'The request body is not valid UTF-8.'), undefined);
        return;
      }
      parseJson(request, text, done);
    });

    // We never decompress request bodies, so a compressed one would be read as garbage or as plain JSON.
    // A callback hook: it runs on every request, and an async one costs a promise each time.
    app.addHook('onRequest', (request, _reply, done) => {
      const encoding = request.headers['content-encoding'];
      if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
        done(new Problem(415, 'unsupported_content_encoding', 'Unsupported content encoding', `Content-Encoding ${encoding} is not accepted; send the body uncompressed.`));
        return;
      }
      done();
    });
  },
  { name: 'input' },
);
