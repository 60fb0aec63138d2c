/** Saves text as a file the way downloadCsv does (a Blob the window downloads; Electron asks where). */
export function downloadText(content: string, fileName: string, type: string): void {
  const blob = new Blob([content], { type });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}
