import sanitizeHtml from 'sanitize-html';

const UNIT = String.raw`-?\d+(\.\d+)?(px|pt|em|rem|%|ex|cm|mm|in)?`;
const LENGTH = new RegExp(`^${UNIT}$`);
// Values separated by required whitespace, so the match cannot backtrack through digits.
const BOX = new RegExp(`^${UNIT}(\\s+${UNIT}){0,3}$`);
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|rgba?\(\s*[\d.%,\s]+\))$/i;
const BORDER = /^(?!.*expression)[\w\s.#%(),-]+$/i; // no url(), no legacy IE expression()

// Inline styles carry most of a mail's layout, so a small set survives; anything that can
// move content out of its box (position, z-index) or fetch a URL (background-image) is dropped.
const ALLOWED_STYLES: sanitizeHtml.IOptions['allowedStyles'] = {
  '*': {
    color: [COLOR],
    'background-color': [COLOR],
    'text-align': [/^(left|right|center|justify|start|end)$/],
    'text-decoration': [/^[a-z\s-]+$/],
    'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/],
    'font-style': [/^(normal|italic|oblique)$/],
    'font-size': [LENGTH, /^(xx-small|x-small|small|medium|large|x-large|xx-large)$/],
    'font-family': [/^[\w\s"',-]+$/],
    'line-height': [LENGTH, /^normal$/],
    'vertical-align': [/^[a-z-]+$/, LENGTH],
    'white-space': [/^(normal|nowrap|pre|pre-wrap|pre-line)$/],
    width: [LENGTH, /^auto$/],
    height: [LENGTH, /^auto$/],
    margin: [BOX],
    'margin-left': [LENGTH],
    'margin-right': [LENGTH],
    'margin-top': [LENGTH],
    'margin-bottom': [LENGTH],
    padding: [BOX],
    'padding-left': [LENGTH],
    'padding-right': [LENGTH],
    'padding-top': [LENGTH],
    'padding-bottom': [LENGTH],
    border: [BORDER],
    'border-left': [BORDER],
    'border-right': [BORDER],
    'border-top': [BORDER],
    'border-bottom': [BORDER],
    'border-collapse': [/^(collapse|separate)$/],
  },
};

const HISTORY_IDS = ['divRplyFwdMsg', 'x_divRplyFwdMsg', 'appendonsend', 'x_appendonsend', 'OLK_SRC_BODY_SECTION'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img', 'font', 'center', 'del', 'ins', 'strike', 'big', 'tt',
  ],
  allowedAttributes: {
    '*': ['style', 'dir', 'lang', 'align', 'title', 'class'],
    div: ['id'], // only the history markers, see keepHistoryId
    span: ['id'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    font: ['color', 'face', 'size'],
    table: ['border', 'cellpadding', 'cellspacing', 'width', 'bgcolor'],
    td: ['colspan', 'rowspan', 'valign', 'width', 'height', 'bgcolor'],
    th: ['colspan', 'rowspan', 'valign', 'width', 'height', 'bgcolor'],
    ol: ['start', 'type'],
    blockquote: ['type'],
  },
  // Only the classes mail clients use to mark quoted history survive, so the UI can fold it
  // and htmlToVisibleReply can find it; anything else could collide with the app's own CSS.
  allowedClasses: { '*': [/^(x_)?(gmail_quote\S*|gmail_extra|gmail_attr|moz-cite-prefix|yahoo_quoted\S*|protonmail_quote)$/] },
  allowedStyles: ALLOWED_STYLES,
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // cid: keeps inline images addressable by their attachment; data: inside <img> cannot run script.
  allowedSchemesByTag: { img: ['http', 'https', 'cid', 'data'] },
  allowProtocolRelative: false,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title'],
  transformTags: {
    div: keepHistoryId,
    span: keepHistoryId,
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
    }),
  },
};

function keepHistoryId(tagName: string, attribs: sanitizeHtml.Attributes) {
  const { id, ...rest } = attribs;
  return { tagName, attribs: id !== undefined && HISTORY_IDS.includes(id) ? { ...rest, id } : rest };
}

/**
 * Reduces a mail's HTML to an allowlist safe to show to agents: no scripts, event handlers,
 * forms, frames or `javascript:` URLs; `cid:` images are kept so they can be resolved
 * against the mail's attachments. Never throws.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
