export interface UuencodedFile {
  filename: string;
  content: Buffer;
}

// Old mailers (Outlook Express, Unix `mail` in cron jobs) paste files into a plain-text body
// as uuencoded "begin 644 name ... end" blocks rather than as MIME parts.
const BLOCK = /^begin [0-7]{3,4} ([^\r\n]+)\r?\n([\s\S]*?)^end[ \t]*$/gm;

/**
 * The uuencoded files in a plain-text body. A block with a malformed line is skipped rather
 * than decoded into garbage. Never throws.
 */
export function decodeUuencoded(text: string): UuencodedFile[] {
  const files: UuencodedFile[] = [];
  for (const [, filename, body] of text.matchAll(BLOCK)) {
    const content = decodeLines(body.split(/\r?\n/).filter((line) => line !== ''));
    if (content) files.push({ filename: filename.trim(), content });
  }
  return files;
}

function decodeLines(lines: string[]): Buffer | undefined {
  const chunks: Buffer[] = [];
  for (const line of lines) {
    if (!/^[ -`]+$/.test(line)) return undefined;
    const length = (line.charCodeAt(0) - 32) & 63;
    if (length === 0) break; // the "`" line that ends the data
    // Characters past the end count as spaces (zero bits): some mailers strip trailing blanks.
    const sextet = (i: number) => ((line.charCodeAt(i) || 32) - 32) & 63;
    const bytes: number[] = [];
    for (let i = 1; bytes.length < length; i += 4) {
      if (i > line.length) return undefined;
      const [a, b, c, d] = [sextet(i), sextet(i + 1), sextet(i + 2), sextet(i + 3)];
      bytes.push(((a << 2) | (b >> 4)) & 255, ((b << 4) | (c >> 2)) & 255, ((c << 6) | d) & 255);
    }
    chunks.push(Buffer.from(bytes.slice(0, length)));
  }
  return chunks.length ? Buffer.concat(chunks) : undefined;
}
