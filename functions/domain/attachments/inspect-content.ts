import { BLOCKED_TYPES, looksExecutable } from './content-policy';

/** How much of a file content sniffing reads: enough for ZIP-based office formats' first entry. */
export const SNIFF_BYTES = 64 * 1024;

export type ContentVerdict =
  | { ok: true; detected?: string }
  | { ok: false; reason: 'executable' | 'type-mismatch'; detected?: string };

const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png', 'image/x-icon': 'image/x-icon',
  'application/x-pdf': 'application/pdf', 'application/x-zip-compressed': 'application/zip', 'application/x-zip': 'application/zip',
  'audio/mp3': 'audio/mpeg', 'audio/x-mp3': 'audio/mpeg', 'audio/x-wav': 'audio/wav', 'audio/wave': 'audio/wav',
  'application/x-gzip': 'application/gzip', 'image/x-ms-bmp': 'image/bmp', 'video/x-m4v': 'video/mp4',
  'application/vnd.ms-outlook': 'application/x-cfb', 'application/msword': 'application/x-cfb',
  'application/vnd.ms-excel': 'application/x-cfb', 'application/vnd.ms-powerpoint': 'application/x-cfb',
};
const EXECUTABLE_CONTENT = new Set([...BLOCKED_TYPES, 'application/x-shockwave-flash', 'application/x.ms.shortcut', 'application/x-ms-regedit']);
const ZIP_BASED = /^application\/(zip|epub\+zip|vnd\.openxmlformats-officedocument\..+|vnd\.oasis\.opendocument\..+|vnd\.ms-[a-z]+\.[a-z.]+macroenabled\.12)$/;
/** file-type loads on first use: most requests of the functions that carry it never sniff. */
let fileType: Promise<{ fromBuffer: (head: Buffer) => Promise<string | undefined>; supported: Set<string> }> | undefined;
const loadFileType = () => (fileType ??= import('file-type').then((m) => ({
  fromBuffer: async (head: Buffer) => (await m.fileTypeFromBuffer(head))?.mime,
  supported: new Set<string>(m.supportedMimeTypes),
})));

const normalise = (type: string) => {
  const bare = type.trim().toLowerCase().split(';')[0];
  return ALIASES[bare] ?? bare;
};

/**
 * Whether the first bytes of a file agree with its declared type: programs and scripts are
 * refused whatever they claim; a recognised format must be the declared one (a ZIP container
 * may be declared as the office or e-book format inside it); a declared binary format that the
 * content does not show is a mismatch too. Plain text, CSV, JSON and the like are not
 * recognisable by content and pass when nothing else is found.
 */
export async function inspectContent(head: Buffer, declaredType: string): Promise<ContentVerdict> {
  const { fromBuffer, supported } = await loadFileType();
  const detected = await fromBuffer(head);
  if (looksExecutable(head) || (detected && EXECUTABLE_CONTENT.has(detected))) return { ok: false, reason: 'executable', detected };
  const declared = normalise(declaredType);
  if (detected) {
    const found = normalise(detected);
    if (found === declared) return { ok: true, detected };
    if (ZIP_BASED.test(found) && ZIP_BASED.test(declared)) return { ok: true, detected };
    return { ok: false, reason: 'type-mismatch', detected };
  }
  if (supported.has(declared) && !declared.startsWith('text/') && !/[+/](xml|json)$/.test(declared)) {
    return { ok: false, reason: 'type-mismatch' };
  }
  return { ok: true };
}
