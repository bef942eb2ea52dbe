import * as fs from 'fs';
import * as path from 'path';

/** Mermaid's browser build, bundled into each page so it renders offline. */
const MERMAID = path.join(__dirname, '..', 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A self-contained HTML page that draws a trust chain (a Mermaid flowchart) in the browser, with
 * Mermaid inlined: no network access. The page marks `<body data-rendered="true">` once the
 * diagram is drawn.
 */
export function trustChainPage(title: string, diagram: string): string {
  const mermaid = fs.readFileSync(MERMAID, 'utf8').replace(/<\/script/gi, '<\\/script');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}: trust chain</title>`,
    '<style>body { font-family: system-ui, sans-serif; margin: 2rem; color: #1b1f24; } h1 { font-size: 1.25rem; }</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}: trust chain</h1>`,
    `<pre class="mermaid">${escapeHtml(diagram)}</pre>`,
    `<script>${mermaid}</script>`,
    '<script>',
    "mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: false } });",
    "mermaid.run().then(() => { document.body.dataset.rendered = 'true'; }, error => { document.body.dataset.rendered = 'failed: ' + error; });",
    '</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
