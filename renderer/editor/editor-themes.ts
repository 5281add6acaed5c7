// Editor colours that match the app's light and dark themes.

import { EditorView } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

const darkHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#7cc4ff' },
  { tag: [tags.string, tags.content], color: '#a5d6a7' },
  { tag: [tags.number, tags.bool, tags.null], color: '#f7b267' },
  { tag: tags.comment, color: '#6b7b8c', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.separator], color: '#9fb0c2' },
]);

const lightHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#0b5cad' },
  { tag: [tags.string, tags.content], color: '#1b7a3a' },
  { tag: [tags.number, tags.bool, tags.null], color: '#b35900' },
  { tag: tags.comment, color: '#6b7785', fontStyle: 'italic' },
]);

export const oneDarkish = [
  EditorView.theme(
    {
      '&': { color: '#d8e1ea', backgroundColor: '#0f1720', height: '100%' },
      '.cm-content': { caretColor: '#7cc4ff', fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace' },
      '.cm-gutters': { backgroundColor: '#121c27', color: '#5d6f82', border: 'none' },
      '.cm-activeLine': { backgroundColor: '#16222e' },
      '.cm-activeLineGutter': { backgroundColor: '#16222e' },
      '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: '#2b4a66' },
    },
    { dark: true },
  ),
  syntaxHighlighting(darkHighlight),
];

export const lightish = [
  EditorView.theme({
    '&': { color: '#1d2733', backgroundColor: '#fbfcfd', height: '100%' },
    '.cm-content': { fontFamily: '"DejaVu Sans Mono", Menlo, Consolas, monospace' },
    '.cm-gutters': { backgroundColor: '#f1f4f7', color: '#8a96a3', border: 'none' },
  }),
  syntaxHighlighting(lightHighlight),
];
