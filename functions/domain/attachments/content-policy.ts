/**
 * What the helpdesk refuses to store, whoever sends it (API upload or mail): programs and
 * scripts, recognised by name, by declared type and by content.
 */
export const BLOCKED_EXTENSIONS =
  /\.(exe|com|bat|cmd|scr|pif|msi|msp|msix|appx|vbs|vbe|jse?|mjs|wsf|wsh|ps1|psm1|hta|cpl|jar|lnk|reg|dll|sys|sh|bash|zsh|csh|ksh|command|app|apk|deb|rpm|dmg|pkg|run|bin|elf|so|dylib|class|wasm|py|pyc|pl|rb|php|applescript|scpt|inf|gadget|url|iso)$/i;

export const BLOCKED_TYPES = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-dosexec', 'application/x-ms-installer',
  'application/x-msi', 'application/vnd.microsoft.portable-executable', 'application/x-executable', 'application/x-elf',
  'application/x-mach-binary', 'application/x-sharedlib', 'application/x-sh', 'application/x-csh', 'application/x-shellscript',
  'text/x-shellscript', 'text/x-sh', 'application/hta', 'application/java-archive', 'application/x-java-archive',
  'application/java-vm', 'application/x-java-applet', 'application/javascript', 'application/x-javascript', 'text/javascript',
  'application/ecmascript', 'text/ecmascript', 'text/vbscript', 'application/x-vbscript', 'application/x-powershell',
  'application/x-bat', 'application/x-msdos-batch', 'application/vnd.android.package-archive', 'application/x-apple-diskimage',
  'application/vnd.debian.binary-package', 'application/x-rpm', 'application/x-redhat-package-manager', 'application/wasm',
  'application/x-python-code', 'text/x-python', 'application/x-perl', 'application/x-php', 'application/x-httpd-php',
]);

/** Whether a file name or a declared type names a program or script. */
export function isExecutableByName(filename: string, contentType: string): boolean {
  return BLOCKED_EXTENSIONS.test(filename.trim()) || BLOCKED_TYPES.has(contentType.trim().toLowerCase().split(';')[0]);
}

/** Content sniffing without a library: Windows PE, ELF, Mach-O, or a script's `#!` line. */
export function looksExecutable(head: Buffer): boolean {
  if (head[0] === 0x4d && head[1] === 0x5a) return true; // MZ: PE/DOS
  const magic = head.subarray(0, 4).toString('hex');
  if (magic === '7f454c46') return true; // ELF
  if (['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic)) return true; // Mach-O, fat binary, Java class
  return head.subarray(0, 2).toString('latin1') === '#!';
}
