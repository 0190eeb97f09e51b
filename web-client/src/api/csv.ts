/**
 * Downloads the moderator's CSV export. The route needs the Bearer token, so
 * a plain link cannot fetch it: fetch with the header, then save the Blob.
 */
export async function downloadQuestionsCsv(sessionId: string, token: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchImpl(`/api/v1/sessions/${encodeURIComponent(sessionId)}/questions.csv`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`questions.csv answered ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `questions-${sessionId}.csv`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the download by now; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
