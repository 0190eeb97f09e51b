/** The moderator's exports: every question, and the session's audit trail (admins' copy also has formal ballots). */
export type CsvExport = 'questions' | 'audit';

/**
 * Downloads one of the moderator's CSV exports. The routes need the Bearer
 * token, so a plain link cannot fetch them: fetch with the header, then save the Blob.
 */
export async function downloadCsv(kind: CsvExport, sessionId: string, token: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchImpl(`/api/v1/sessions/${encodeURIComponent(sessionId)}/${kind}.csv`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`${kind}.csv answered ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${kind}-${sessionId}.csv`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the download by now; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
