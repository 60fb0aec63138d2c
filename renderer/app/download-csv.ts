import Papa from 'papaparse';

/**
 * Saves rows as a CSV file the way the results page's Export does: a download of a Blob from the page
 * (Electron shows its save dialog for it). Papa quotes and escapes every field that needs it.
 */
export function downloadCsv(rows: ReadonlyArray<Record<string, string | number>>, fileName: string): void {
  const blob = new Blob([Papa.unparse(rows as Array<Record<string, string | number>>)], { type: 'text/csv;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}
