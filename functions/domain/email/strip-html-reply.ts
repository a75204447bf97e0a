import sanitizeHtml from 'sanitize-html';
import { htmlToText } from './html-to-text';
import { visibleReply, type ReplyOptions } from './strip-reply';

// Markers mail clients put where the quoted history starts and which leave no trace in the
// text: Outlook on the web (divRplyFwdMsg, appendonsend, prefixed x_ when relayed), Outlook
// for Mac (OLK_SRC_BODY_SECTION), Yahoo (yahoo_quoted). Quotes in <blockquote> need no
// marker: htmlToText turns them into "> " lines that visibleReply understands.
const HISTORY_ID = /^(x_)?(divRplyFwdMsg|appendonsend|OLK_SRC_BODY_SECTION|yahoo_quoted_\d+)$/i;
const HISTORY_CLASS = /(^|\s)(x_)?yahoo_quoted(\s|$)/i;

/**
 * The text the sender wrote in an HTML-only mail: everything from a known history marker
 * (or an `<hr>` after some text, as Outlook and Zimbra separate the quote) onwards is
 * dropped, then the text goes through `visibleReply`. A forward (`options.forward`) keeps its
 * markers: Outlook puts the forwarded mail under the same divRplyFwdMsg as a quote. Never throws.
 */
export function htmlToVisibleReply(html: string, options: ReplyOptions = {}): string {
  let cutAt: number | undefined;
  let seenText = false;
  const reduced = sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true, // the output only feeds htmlToText, which drops script and style
    exclusiveFilter: (frame) => {
      // Called when an element closes: elements that started after the cut go too, while
      // the ancestors of the marker (which started before it) keep what came before it.
      if (cutAt !== undefined) return frame.tagPosition >= cutAt;
      const { id = '', class: className = '' } = frame.attribs;
      if (options.forward) return false;
      if (HISTORY_ID.test(id) || HISTORY_CLASS.test(className) || (frame.tag === 'hr' && seenText)) {
        cutAt = frame.tagPosition;
        return true;
      }
      return false;
    },
    textFilter: (text, tagName) => {
      if (cutAt !== undefined) return '';
      if (tagName !== 'title' && text.replace(/&nbsp;|\s/g, '')) seenText = true;
      return text;
    },
  });
  return visibleReply(htmlToText(reduced), options);
}
