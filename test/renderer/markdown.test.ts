import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../renderer/markdown/render-markdown';

describe('lesson markdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    expect(renderMarkdown('<script>alert(1)</script> and <b>bold</b>')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;</p>\n',
    );
  });

  it('keeps https links, opening outside, and drops javascript: links', () => {
    expect(renderMarkdown('[docs](https://kubernetes.io/docs/)')).toBe(
      '<p><a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">docs</a></p>\n',
    );
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
  });

  it('gives terminal blocks Copy and Run buttons, every other block only Copy', () => {
    expect(renderMarkdown('```terminal\nkubectl get pods\n```')).toBe(
      '<div class="code-block" data-language="terminal"><div class="code-actions"><button type="button" class="code-action" data-action="copy">Copy</button><button type="button" class="code-action" data-action="run">Run</button></div><pre tabindex="0"><code>kubectl get pods\n</code></pre></div>\n',
    );
    for (const fence of ['```yaml\nkind: Pod\n```', '```\nkubectl get pods\n```', '```sh\nkubectl get pods\n```', '```bash\nls\n```', '```shell\nls\n```', '```console\n$ kubectl get pods\nNAME   READY\n```', '```text\nEvents:\n```']) {
      const html = renderMarkdown(fence);
      expect(html).toContain('data-action="copy"');
      expect(html).not.toContain('data-action="run"');
    }
  });

  it('gives a terminal block inside a list item its Run button too', () => {
    expect(renderMarkdown('1. Run:\n\n   ```terminal\n   kubectl get pods\n   ```\n')).toContain('data-action="run"');
  });
});
