// The few JSON Schema keywords docs/rule-set.schema.json uses, so that the JavaScript verifier
// checks a record's embedded rule set against the very file the docs publish (no library: the
// verifier page must stay small and work offline). Unknown keywords are refused, so the schema
// cannot silently outgrow this reader.
import { isPlainObject } from './json-shape.js';

const KNOWN = new Set([
  '$schema', '$id', '$defs', 'title', 'description', '$ref', 'type', 'required', 'properties',
  'additionalProperties', 'propertyNames', 'items', 'minItems', 'minimum', 'minLength', 'pattern', 'enum',
]);

export class SchemaError extends Error {}

/** Throw SchemaError naming the first place where `value` does not follow `schema`. */
export function validate(value, schema, root = schema, where = '$') {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new SchemaError(`the schema uses ${keyword}, which this reader does not know`);
  }
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    return validate(value, root.$defs[name], root, where);
  }
  const fail = (what) => {
    throw new SchemaError(`${where}: ${what}`);
  };
  if (schema.enum && !schema.enum.includes(value)) fail(`expected one of ${schema.enum.join(', ')}`);
  if (schema.type && !hasType(value, schema.type)) fail(`expected ${schema.type}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) fail('too short');
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) fail(`below ${schema.minimum}`);
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => validate(item, schema.items, root, `${where}[${i}]`));
  }
  if (isPlainObject(value)) {
    for (const name of schema.required || []) if (!Object.hasOwn(value, name)) fail(`${name} missing`);
    for (const [name, item] of Object.entries(value)) {
      if (schema.propertyNames) validate(name, schema.propertyNames, root, `${where} key ${name}`);
      const own = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (own) validate(item, own, root, `${where}.${name}`);
      else if (schema.additionalProperties === false) fail(`unknown key ${name}`);
      else if (isPlainObject(schema.additionalProperties)) validate(item, schema.additionalProperties, root, `${where}.${name}`);
    }
  }
}

function hasType(value, type) {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      throw new SchemaError(`the schema uses type ${type}, which this reader does not know`);
  }
}
