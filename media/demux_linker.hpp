#pragma once
// Links the streams a demuxer finds to a relay pipeline as they appear: H.264
// and AAC (or MP3) to the top's muxer, through the ladder's tees when the hall
// has a ladder or an audio-only rung (ladder_description.hpp), and anything
// else to a fakesink so the demuxer keeps running.

#include <cstddef>
#include <string>

using GstElement = struct _GstElement;

namespace veche::media {

struct demux_links {
    std::string hall;           // for the log
    bool video_tee = false;     // video goes through "vtee" (the hall has a ladder)
    bool audio_tee = false;     // audio goes through "atee" (a ladder or an audio-only rung)
    std::size_t rungs = 0;      // the ladder's rungs, whose muxers each get a copy of the audio
};

// Connects to the element's "pad-added" signal.
void link_demuxer_pads(GstElement* demux, demux_links links);

}  // namespace veche::media
