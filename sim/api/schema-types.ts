// How the schema of each kind is written down: Go struct names (they appear in decode errors
// and `kubectl explain`), JSON field names, field types in a short notation, and descriptions.

/**
 * A field type in Go-like notation: `string`, `int32`, `int64`, `bool`, `float64`, `Quantity`,
 * `IntOrString`, `Time`, `any`, a struct name (`Container`), `[]T` or `map[string]T`.
 */
export type TypeNotation = string;

export interface FieldSchema {
  type: TypeNotation;
  description: string;
  required?: boolean;
}

export interface StructSchema {
  /** Go package prefix for error messages, e.g. `v1` in `[]v1.ContainerPort`. */
  goPackage: string;
  description: string;
  fields: Record<string, FieldSchema>;
  /** Accepts any field (free-form objects, or parts not modelled in detail). */
  open?: boolean;
}

export type SchemaRegistry = Record<string, StructSchema>;

export function field(type: TypeNotation, description: string, required = false): FieldSchema {
  return required ? { type, description, required } : { type, description };
}

/** The schema of a core/v1 kind: apiVersion, kind and metadata, then its own fields. */
export function coreKindSchema(description: string, fields: Record<string, FieldSchema>): StructSchema {
  return {
    goPackage: 'v1',
    description,
    fields: {
      apiVersion: field('string', 'The versioned schema of this representation.'),
      kind: field('string', 'The type of object.'),
      metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
      ...fields,
    },
  };
}
