#include "media/ladder_description.hpp"

namespace veche::media {
namespace {

// A rung's segments start with the PAT and PMT that its aligner puts there (rung_aligner.hpp): the muxer itself
// repeats them only every 10 s, not every 100 ms (30 kbit/s, as much as a low rung's sound).
constexpr std::string_view sink_options =
    " alignment=0 pat-interval=900000 pmt-interval=900000 ! appsink sync=false async=false buffer-list=true name=";
// Each plane scaled as it is: the same format on both sides needs no colour matrix, primaries or chroma
// resampling, and the converter's defaults (which do all three through 4:4:4) cost as much as the decoding.
constexpr std::string_view scaler = "videoscale chroma-mode=none matrix-mode=none primaries-mode=none dither=none";
// At most this long between keyframes in a lower rung; the source's keyframes force them sooner.
constexpr int max_gop_frames = 300;

}  // namespace

std::string rung_element(std::size_t rung, std::string_view what) {
    return "rung" + std::to_string(rung) + '_' + std::string(what);
}

std::string rung_encoder(const std::string& encoder, int kbps, std::string_view name) {
    const auto rate = std::to_string(kbps);
    const auto gop = std::to_string(max_gop_frames);
    std::string d;
    if (encoder == "vaapih264enc")
        d = "vaapih264enc rate-control=cbr bitrate=" + rate + " keyframe-period=" + gop;
    else if (encoder == "nvh264enc")
        d = "nvh264enc preset=low-latency-hq rc-mode=cbr zerolatency=true bframes=0 bitrate=" + rate + " gop-size=" + gop;
    else  // x264enc: CBR with a one-second buffer caps the rate; zerolatency: no B-frames, no look-ahead.
        d = "x264enc speed-preset=veryfast tune=zerolatency bitrate=" + rate +
            " vbv-buf-capacity=1000 key-int-max=" + gop;
    // Main profile: every phone and browser decodes it.
    return d + " name=" + std::string(name) + " ! video/x-h264,profile=main";
}

std::string ladder_elements(const ladder_layout& layout) {
    std::string d;
    if (!layout.rungs.empty()) {
        // Encoded pictures wait at most a second for the decoder; raw ones a few frames for each encoder.
        d += " tee name=vtee allow-not-linked=true vtee. ! queue name=decode_queue leaky=downstream"
             " max-size-buffers=0 max-size-bytes=0 max-size-time=1000000000 ! avdec_h264 max-threads=1"
             " ! tee name=raw allow-not-linked=true";
        for (std::size_t i = 0; i < layout.rungs.size(); ++i) {
            const auto mux = rung_element(i, "mux");
            d += " raw. ! queue name=" + rung_element(i, "queue") +
                 " leaky=downstream max-size-buffers=8 max-size-bytes=0 max-size-time=0 ! " + std::string(scaler) +
                 " ! capsfilter name=" + rung_element(i, "size") + " ! videoconvert ! video/x-raw,format=I420 ! " +
                 rung_encoder(layout.encoder, layout.rungs[i].video_kbps, rung_element(i, "encoder"));
            // Parameter sets before every keyframe: each segment must be decodable alone.
            d += " ! h264parse config-interval=-1 ! " + mux + ". mpegtsmux name=" + mux + std::string(sink_options) +
                 rung_element(i, "sink");
        }
    }
    d += " tee name=atee allow-not-linked=true";
    // The sound alone carries the clock (PCR) itself: once per 100 ms, the most the standard allows, so that a
    // pair of AAC frames fits its two TS packets more often (every 40 ms, by default).
    if (layout.audio_only)
        d += " atee. ! " + std::string(rung_audio_queue) + " name=audio_queue ! audio_mux. mpegtsmux name=audio_mux" +
             " pcr-interval=9000" + std::string(sink_options) + "audio_sink";
    return d;
}

}  // namespace veche::media
