#pragma once
// The part of a hall's pipeline that makes its ladder (contract 7.4), in
// gst-launch syntax. The source's parsed video enters the tee "vtee": one
// branch goes on, untouched, to the top's muxer; another is decoded once and
// scaled and encoded for each lower rung, into the rung's own muxer and
// appsink. The source's parsed audio enters the tee "atee" and is copied, as
// it is, into every muxer and into the audio-only rung's. Every branch off a
// tee starts with a leaky queue: a rung that falls behind drops pictures (and
// is reported), it never holds up the top. The relay links the source's
// streams to the tees and watches the named elements.

#include "core/event_definition.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace veche::media {

struct ladder_layout {
    std::vector<core::rung_definition> rungs;  // the hall's ladder, tallest first
    bool audio_only = false;
    std::string encoder = "x264enc";  // media.encoder

    // A hall without either relays as before: its pipeline has no tees.
    bool empty() const { return rungs.empty() && !audio_only; }
};

// "rung{i}_{what}": the elements of the ladder's i-th rung: queue, size (the capsfilter the relay sets to the
// rung's picture size), encoder, mux, sink, and audio (the queue of its copy of the sound, when it is linked
// statically). The audio-only rung's are audio_queue, audio_mux and audio_sink.
std::string rung_element(std::size_t rung, std::string_view what);

// The static part: tees, decoder, every rung's branch, muxer and appsink, the audio-only muxer and appsink.
std::string ladder_elements(const ladder_layout& layout);

// The elements between the tee and a rung's muxer for one copy of the source's audio, and between the tee
// and the top's muxer for either stream.
inline constexpr std::string_view rung_audio_queue =
    "queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=3000000000";
inline constexpr std::string_view top_queue = "queue";

// The encoder of a lower rung, as configured (x264enc, vaapih264enc or nvh264enc), capped at `kbps`.
std::string rung_encoder(const std::string& encoder, int kbps, std::string_view name);

}  // namespace veche::media
