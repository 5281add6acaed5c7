// Force deletion, replace's own flag checks and jsonpath's `[]`, compared with captures from the
// real kubectl 1.32 (kubectl-world/cases.txt).
import { join } from 'node:path';
import { goldenSuite, readGoldenCases } from './golden-suite';

const dir = join(__dirname, '../golden-files/kubectl-world');
goldenSuite('kubectl force deletion, replace and jsonpath', dir, readGoldenCases(dir));
