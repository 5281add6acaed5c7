// Lesson Markdown to HTML. Raw HTML is off, images are not loaded, and links may only go to http(s)
// pages, which open outside the app. Every code block gets a Copy button; only a block the lesson
// marks as a command for the learner (the fence info string `terminal`) also gets Run in terminal,
// so output, manifests and shell snippets shown as examples are never run by a click.

import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

markdown.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

// Images from lesson packs never load from the network (no tracking pixels): they show as their alt text.
markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index]!;
  return `<span class="image-alt">[${markdown.utils.escapeHtml(token.content)}]</span>`;
};

/** The fence info string of a block of commands the learner runs at that point (docs/lesson-format.md). */
export const terminalLanguage = 'terminal';

markdown.renderer.rules.fence = (tokens, index) => {
  const token = tokens[index]!;
  const language = token.info.trim().split(/\s+/)[0] ?? '';
  const code = markdown.utils.escapeHtml(token.content);
  const runnable = language === terminalLanguage;
  const buttons =
    `<button type="button" class="code-action" data-action="copy">Copy</button>` +
    (runnable ? `<button type="button" class="code-action" data-action="run">Run</button>` : '');
  return `<div class="code-block" data-language="${markdown.utils.escapeHtml(language)}"><div class="code-actions">${buttons}</div><pre tabindex="0"><code>${code}</code></pre></div>\n`;
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
