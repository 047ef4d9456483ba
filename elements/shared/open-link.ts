/**
 * Opens a download link from an anchor rather than `location`, so that an embedding page is not
 * replaced: the server answers it as an attachment, and `download` names the file when the link is
 * on the page's own origin (or is an object URL).
 */
export function openLink(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.click();
}
