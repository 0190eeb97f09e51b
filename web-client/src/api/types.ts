// The objects of the wire contract (PROTOCOL.md, section 2) as the client
// reads them. Enumerations stay open (`| string`): the contract may be
// extended with new values, and an older client must keep working.

export type StreamStatus = 'live' | 'slate' | 'offline';
export type SessionState = 'scheduled' | 'live' | 'ended';
export type Moderation = 'pre' | 'post';

export interface HallStream {
  hls: string;
  status: StreamStatus | (string & {});
}

export interface Hall {
  id: string;
  name: string;
  stream: HallStream | null;
}

export interface Speaker {
  name: string;
  title: string;
}

export interface ForumSession {
  id: string;
  hall: string;
  title: string;
  kind: string;
  /** RFC 3339, UTC */
  starts_at: string;
  /** RFC 3339, UTC */
  ends_at: string;
  speakers: Speaker[];
  state: SessionState | (string & {});
  qa_open: boolean;
  moderation: Moderation | (string & {});
}

export interface ForumEvent {
  id: string;
  title: string;
  halls: Hall[];
  sessions: ForumSession[];
  /** http.public_url: where participants reach the forum (for QR codes and links); absent: wherever this page is. */
  publicUrl?: string;
}
