#pragma once
// Packs a rung's AAC frames two by two before its muxer. The muxer writes one
// PES packet per buffer, and one 21 ms AAC frame of a 64 kbit/s stream is just
// too long for one 188-byte TS packet: frame by frame, the sound costs twice
// its rate (an audio-only rung at 140 kbit/s for 64 kbit/s of sound); two by
// two it fills the packets. Two frames (43 ms) stay within a video frame of any
// cut. ADTS frames are self-delimiting: a PES packet may carry several.

using GstElement = struct _GstElement;

namespace veche::media {

// On the element's src pad (a queue before a rung's muxer).
void pack_audio_frames(GstElement* element);

}  // namespace veche::media
