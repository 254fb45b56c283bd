/**
 * Makes a text cell inert in spreadsheets: a cell that starts with = + - @ TAB or CR is a formula to Excel,
 * LibreOffice and Google Sheets (OWASP "CSV injection"), so it is prefixed with a single quote.
 * Control characters other than newline are dropped.
 */
export function csvSafe(value: string | number | undefined): string | number {
  if (value === undefined) return '';
  if (typeof value === 'number') return value;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
}
