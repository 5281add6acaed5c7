// The OpenAPI v2 document in the protobuf encoding kubectl asks for
// (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, the messages of gnostic's
// OpenAPIv2.proto). Only what openApiV2Document writes is encoded: the document's version and
// info, each path's post and patch operations with their query parameters, responses and vendor
// extensions, and the definitions' schemas. Vendor extensions travel as YAML text, as gnostic keeps them.
import { stringify as toYaml } from 'yaml';
import { concatBytes, utf8Bytes } from './bytes';

/** What the answer is labelled: clients ask with `spec.v2@v1.0`, which Go's media type parser would refuse in a Content-Type. */
export const openApiV2ProtobufType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type Json = Record<string, any>;

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

/** A length-delimited field: a string or an encoded message. */
function bytesField(field: number, value: string | Uint8Array): Uint8Array {
  const data = typeof value === 'string' ? utf8Bytes(value) : value;
  return concatBytes([varint((field << 3) | 2), varint(data.length), data]);
}

function boolField(field: number, value: boolean): Uint8Array {
  return value ? concatBytes([varint(field << 3), varint(1)]) : new Uint8Array(0);
}

const message = (...parts: Uint8Array[]) => concatBytes(parts);

/** NamedAny entries for the `x-` keys of an object. */
function vendorExtensions(field: number, object: Json): Uint8Array[] {
  return Object.entries(object)
    .filter(([key]) => key.startsWith('x-'))
    .map(([key, value]) => bytesField(field, message(bytesField(1, key), bytesField(2, bytesField(2, toYaml(value))))));
}

function schema(s: Json): Uint8Array {
  const parts: Uint8Array[] = [];
  if (s.$ref) parts.push(bytesField(1, s.$ref));
  if (s.format) parts.push(bytesField(2, s.format));
  if (s.description) parts.push(bytesField(4, s.description));
  for (const name of s.required ?? []) parts.push(bytesField(19, name));
  if (s.additionalProperties) parts.push(bytesField(21, bytesField(1, schema(s.additionalProperties))));
  if (s.type) parts.push(bytesField(22, bytesField(1, s.type)));
  if (s.items) parts.push(bytesField(23, bytesField(1, schema(s.items))));
  if (s.properties) {
    const named = Object.entries(s.properties as Record<string, Json>).map(([name, value]) => bytesField(1, message(bytesField(1, name), bytesField(2, schema(value)))));
    parts.push(bytesField(25, message(...named)));
  }
  parts.push(...vendorExtensions(31, s));
  return message(...parts);
}

function queryParameter(p: Json): Uint8Array {
  const subSchema = message(bytesField(2, p.in), bytesField(3, p.description), bytesField(4, p.name), bytesField(6, p.type), boolField(20, p.uniqueItems === true));
  // ParametersItem.parameter → Parameter.non_body_parameter → NonBodyParameter.query_parameter_sub_schema
  return bytesField(1, bytesField(2, bytesField(3, subSchema)));
}

function operation(o: Json): Uint8Array {
  const responses = Object.entries(o.responses as Record<string, Json>).map(([code, response]) =>
    bytesField(1, message(bytesField(1, code), bytesField(2, bytesField(1, bytesField(1, response.description))))),
  );
  return message(
    bytesField(3, o.description),
    bytesField(5, o.operationId),
    ...(o.parameters as Json[]).map((p) => bytesField(8, queryParameter(p))),
    bytesField(9, message(...responses)),
    ...vendorExtensions(13, o),
  );
}

const operationFields: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };

export function encodeOpenApiV2(document: Json): Uint8Array {
  const paths = Object.entries(document.paths as Record<string, Json>).map(([path, item]) => {
    const operations = Object.entries(item).map(([method, op]) => bytesField(operationFields[method], operation(op)));
    return bytesField(2, message(bytesField(1, path), bytesField(2, message(...operations))));
  });
  const definitions = Object.entries(document.definitions as Record<string, Json>).map(([name, value]) => bytesField(1, message(bytesField(1, name), bytesField(2, schema(value)))));
  return message(
    bytesField(1, document.swagger),
    bytesField(2, message(bytesField(1, document.info.title), bytesField(2, document.info.version))),
    bytesField(8, message(...paths)),
    bytesField(9, message(...definitions)),
  );
}
