import { expect, it } from 'vitest';
import { renderMarkdown } from '../../renderer/markdown/render-markdown';
import { markdownToPlainText } from '../../lab/plain-text';

it('never loads a lesson pack\'s remote images', () => {
  const html = renderMarkdown('![pixel](https://evil.example/p.png)');
  expect(html).not.toContain('<img');
  expect(html).toContain('[pixel]');
});

it('keeps terminal escape sequences out of plain lesson text', () => {
  expect(markdownToPlainText('a \u001b]52;c;eA==\u0007 b')).toBe('a ]52;c;eA== b');
});
