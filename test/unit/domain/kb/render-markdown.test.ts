import { describe, expect, it } from 'vitest';
import { plainTextOf, renderMarkdown } from '../../../../functions/domain/kb/render-markdown';

describe('article Markdown', () => {
  it('renders Markdown and removes scripts, handlers and unsafe links', () => {
    const html = renderMarkdown('## Steps\n\n1. Open *Settings*\n\n<script>x()</script><iframe src="https://e.vil"></iframe>\n\n[a](javascript:x()) <img src="https://ok/i.png" onerror="x()"> `code`');
    expect(html).toContain('<h2>Steps</h2>');
    expect(html).toContain('<em>Settings</em>');
    expect(html).toContain('<img src="https://ok/i.png" />');
    expect(html).toContain('<code>code</code>');
    expect(html).not.toMatch(/script|iframe|javascript:|onerror/);
  });

  it('gives the plain text the index reads', () => {
    expect(plainTextOf('# Title\n\nSome **bold** & <b>text</b>')).toBe('Title Some bold & text');
  });
});
