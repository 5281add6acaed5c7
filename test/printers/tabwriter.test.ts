import { describe, expect, it } from 'vitest';
import { alignCells, describeSettings, tableSettings, tabwrite } from '../../sim/kubectl/printers/tabwriter';

describe('tabwriter as kubectl get uses it', () => {
  it('pads each column to its longest cell plus 3, at least 6, and leaves the last column alone', () => {
    const text = tabwrite('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nnginx\t1/1\tRunning\t0\t5s\n', tableSettings);
    expect(text).toBe('NAME    READY   STATUS    RESTARTS   AGE\nnginx   1/1     Running   0          5s\n');
  });

  it('gives a short column the minimum width of 6', () => {
    expect(tabwrite('A\tB\nx\ty\n', tableSettings)).toBe('A     B\nx     y\n');
  });

  it('does not pad trailing empty cells beyond their column', () => {
    expect(tabwrite('a\t\tb\n', tableSettings)).toBe('a     ' + '      ' + 'b\n');
  });
});

describe('tabwriter as kubectl describe uses it', () => {
  it('restarts alignment after a line without a tab', () => {
    const text = tabwrite('Name:\tx\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\n', describeSettings);
    expect(text).toBe('Name:       x\nNamespace:  default\nIPs:\n  IP:  10.0.0.1\n');
  });

  it('aligns an inner column only across the lines that have it', () => {
    const text = tabwrite('Port:\t<unset>\t80/TCP\nTargetPort:\t8080/TCP\n', describeSettings);
    expect(text).toBe('Port:        <unset>  80/TCP\nTargetPort:  8080/TCP\n');
  });
});

describe('tabwriter on lines already split into cells', () => {
  it('lays out uniform and ragged tables exactly as the text form does', () => {
    const tables: string[][][] = [
      [['NAME', 'READY', 'STATUS'], ['web-5d6f7b9c8d-x7k2p', '1/1', 'Running'], ['db', '0/1', 'CrashLoopBackOff']],
      [['Name:', 'x'], ['IPs:'], ['  IP:', '10.0.0.1'], ['Port:', '<unset>', '80/TCP']],
      [['a', '', 'b'], ['', '', '']],
      [['only']],
      [['日本語', 'x'], ['𝒳', 'y']],
    ];
    for (const lines of tables) {
      for (const settings of [tableSettings, describeSettings]) {
        const viaText = tabwrite(lines.map((cells) => cells.join('\t')).join('\n'), settings);
        expect(alignCells(lines, settings)).toBe(viaText);
      }
    }
  });
});
