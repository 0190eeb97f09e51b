#pragma once
// What GStreamer runs for a hall, in gst-launch syntax: built from the hall's
// source URI (README.md, "Configuration"). Every relay ends in the same muxer and
// appsink ("mpegtsmux name=mux ! appsink name=sink"), where our segmenter
// takes over. Remote sources are remuxed, never transcoded; only test: and
// the slate encode, at a small size so the demo stays cheap. A hall with a
// ladder adds its lower rungs (ladder_description.hpp), which are encoded.

#include "core/source_uri.hpp"
#include "media/ladder_description.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace veche::media {

struct pipeline_plan {
    std::string description;
    // The element named "demux" adds its pads once it knows the streams: link them with branch_description().
    bool dynamic_pads = false;
    // The element named "src" is an SRT listener that must check each caller's stream id.
    bool check_stream_id = false;
    // When the source stops delivering, build the pipeline again (callers and pulls reconnect that way).
    // Listeners keep their socket instead, so that a returning encoder always finds someone listening.
    bool rebuild_on_loss = true;
};

pipeline_plan relay_pipeline(const core::source_uri& source, std::string_view hall_name,
                             const ladder_layout& ladder = {});

// What a demuxer pad carries, from its caps.
struct stream_caps {
    std::string name;           // the caps' media type: video/x-h264, audio/mpeg, application/x-rtp…
    std::string media;          // application/x-rtp: "video" or "audio"
    std::string encoding_name;  // application/x-rtp: H264, MPEG4-GENERIC, MP4A-LATM…
    int mpegversion = 0;        // audio/mpeg
};

// Whether the stream is the picture (else the sound).
bool is_video(const stream_caps& caps);

// The elements between such a pad and the muxer; empty when the stream is not relayed (the pad then goes to
// a fakesink so that the demuxer keeps running).
std::string branch_description(const stream_caps& caps);

// Encodes the slate once: `duration` of a still picture saying «Трансляция скоро продолжится» and silence,
// one GOP, H.264 + AAC in MPEG-TS, into "appsink name=sink". `height` lines (the top's slate is 360), as wide
// as 16:9 makes them; height 0: the silence alone, for the audio-only rung.
std::string slate_pipeline(std::chrono::seconds duration, int height = 360);

// Quotes a property value for gst-launch syntax.
std::string quoted(std::string_view value);

}  // namespace veche::media
