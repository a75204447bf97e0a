import sanitizeHtml from 'sanitize-html';

const PARAGRAPH = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dl', 'pre', 'hr', 'blockquote', 'address', 'figure'];
const LINE = ['div', 'li', 'tr', 'dt', 'dd', 'article', 'aside', 'footer', 'header', 'main', 'nav', 'section', 'caption', 'center', 'form', 'figcaption'];
const CELL = ['td', 'th'];

// First pass: let sanitize-html (a real HTML parser) reduce the markup to a skeleton of
// block tags with escaped text. Its output is regular enough to walk with a tokenizer.
const SKELETON: sanitizeHtml.IOptions = {
  allowedTags: [...PARAGRAPH, ...LINE, ...CELL, 'br'],
  allowedAttributes: { blockquote: ['type', 'class', 'style'] },
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
};
const TOKEN = /<(\/?)([a-z0-9]+)([^>]*)>|[^<]+/g;

/**
 * Turns HTML into readable plain text: block elements become line breaks, `<blockquote>`
 * quoting becomes `> ` prefixes (as mail clients write their plain-text alternative), and
 * script, style and title content is dropped. Never throws.
 */
export function htmlToText(html: string): string {
  const skeleton = sanitizeHtml(html, SKELETON);
  const lines: string[] = [];
  const quoting: boolean[] = [];
  let depth = 0;
  let pre = 0;
  let current = '';

  const prefix = () => '>'.repeat(depth) + (depth ? ' ' : '');
  const endLine = (force = false) => {
    if (current.trim() || force) lines.push(prefix() + current.trimEnd());
    current = '';
  };
  const blankLine = () => {
    endLine();
    const last = lines[lines.length - 1];
    if (last === undefined) return;
    if (last.replace(/[>\s]/g, '') !== '') lines.push('>'.repeat(depth));
    else if (last.trim().length > depth) lines[lines.length - 1] = '>'.repeat(depth); // leaving a quote
  };

  for (const [token, closing, tag, attributes] of skeleton.matchAll(TOKEN)) {
    if (!tag) {
      const text = decodeEntities(token);
      if (pre) {
        const parts = text.split(/\r?\n/);
        parts.forEach((part, i) => {
          if (i > 0) endLine(true);
          current += part;
        });
      } else {
        const collapsed = text.replace(/\s+/g, ' ');
        current += current === '' || current.endsWith(' ') ? collapsed.trimStart() : collapsed;
      }
      continue;
    }
    if (tag === 'br') endLine(true);
    else if (CELL.includes(tag)) current += current && !current.endsWith(' ') ? ' ' : '';
    else if (LINE.includes(tag)) endLine();
    else if (tag === 'blockquote' && closing) {
      endLine();
      depth -= quoting.pop() ? 1 : 0;
      blankLine(); // at the outer depth
    } else if (tag === 'blockquote') {
      blankLine();
      const quotes = isQuote(attributes);
      quoting.push(quotes);
      depth += quotes ? 1 : 0;
    } else if (PARAGRAPH.includes(tag)) {
      blankLine();
      if (tag === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    }
  }
  endLine();
  return lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Gmail's "indent" button also writes a blockquote, but with `border:none`; that is the sender's own text. */
function isQuote(attributes: string): boolean {
  if (/type="cite"|gmail_quote/i.test(attributes)) return true;
  return !/border(-left)?:\s*none/i.test(attributes);
}

/** sanitize-html escapes only these three in text it writes. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\u00a0/g, ' ');
}
