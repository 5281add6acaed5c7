// Runs the oracle and prints its report (used while fixing differences, and by `npm run bench`).
import { formatReport, realKubectlInstalled, runOracle } from './oracle';

if (!realKubectlInstalled()) {
  console.log('skipped: /usr/bin/kubectl not installed');
} else {
  const report = await runOracle();
  console.log(formatReport(report));
  if (process.argv.includes('--full')) {
    for (const r of report.results) console.log(`=== ${r.line} (lab ${r.labExit}, real ${r.realExit})\n--- lab\n${r.lab}--- real\n${r.real}`);
  }
}
