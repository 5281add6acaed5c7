// Options shared by every output format of `kubectl get`.

export interface PrintOptions {
  /** '', 'wide', 'yaml', 'json', 'name', 'jsonpath=...', 'jsonpath-as-json=...', 'custom-columns=...' */
  output?: string;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** `-L app,tier`: one column per label key. */
  labelColumns?: string[];
  /** `--sort-by=.metadata.name` or `{.metadata.name}` */
  sortBy?: string;
  allNamespaces?: boolean;
  /** NAME as `pod/x` (set with several kinds or `get all`). */
  showKind?: boolean;
  /**
   * The learner asked for a list (no names given), so even a single object prints as a `List` in
   * yaml, json and jsonpath output. Without it one object prints as itself.
   */
  list?: boolean;
  /** `--output-watch-events`: an EVENT column before the others in watch output. */
  outputWatchEvents?: boolean;
  /** `--show-managed-fields`: keep metadata.managedFields in yaml, json and jsonpath output. */
  showManagedFields?: boolean;
  /** `--template`: the template (or its file) for go-template and jsonpath output; alone it means go-template. */
  template?: string;
  /** `--allow-missing-template-keys` (default true): false makes a missing key an error in go-template and jsonpath output. */
  allowMissingTemplateKeys?: boolean;
  /** Reads the file of `-o go-template-file`/`jsonpath-file`: its text, or Go's error (`open f: no such file or directory`). */
  readTemplateFile?: (path: string) => { text: string } | { error: string };
  /** The object was built by kubectl itself (client-side dry run): its JSON keeps field order, not sorted keys. */
  builtByKubectl?: boolean;
  /** Virtual ms. */
  now: number;
}

/** kubectl's messages for output it cannot print; the message is the full line kubectl shows. */
export class PrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrintError';
  }
}

export const allowedFormats =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
