// Random ids for request `rid`s and captioner segment ids. crypto.randomUUID
// needs a secure context, which a forum on plain http in a LAN is not;
// getRandomValues works everywhere.
export function randomId(length = 12): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
