#include "media/pipeline_description.hpp"

#include <algorithm>

namespace veche::media {
namespace {

// The test picture and the slate: small and cheap (three demo halls share two cores).
constexpr int picture_width = 640;
constexpr int picture_height = 360;
constexpr int picture_fps = 25;
constexpr std::string_view mux_and_sink =
    " mpegtsmux name=mux alignment=0 ! appsink name=sink sync=false async=false buffer-list=true";

std::string picture_caps(int width = picture_width, int height = picture_height) {
    // 8-bit 4:2:0 keeps x264 on a profile that every browser decodes.
    return "video/x-raw,format=I420,width=" + std::to_string(width) + ",height=" + std::to_string(height) +
           ",framerate=" + std::to_string(picture_fps) + "/1";
}

// One GOP per `gop_frames`, no B-frames: cheap to encode and cut. `to`: the element it feeds.
std::string h264_encoder(int kbps, int gop_frames, std::string_view to = "mux.") {
    return "x264enc tune=zerolatency speed-preset=ultrafast threads=1 bitrate=" + std::to_string(kbps) +
           " key-int-max=" + std::to_string(gop_frames) + " ! video/x-h264,profile=main ! h264parse ! " + std::string(to);
}

std::string aac_encoder(std::string_view to = "mux.") {
    return "audio/x-raw,rate=48000,channels=2 ! audioconvert ! voaacenc bitrate=64000 ! aacparse ! " + std::string(to);
}

// The test picture's encoded streams enter the ladder's tees, which feed the top's muxer and every rung's.
std::string test_ladder_links(const ladder_layout& ladder) {
    std::string d = " atee. ! " + std::string(top_queue) + " ! mux.";
    if (!ladder.rungs.empty()) d += " vtee. ! " + std::string(top_queue) + " ! mux.";
    for (std::size_t i = 0; i < ladder.rungs.size(); ++i)
        d += " atee. ! " + std::string(rung_audio_queue) + " name=" + rung_element(i, "audio") + " ! " +
             rung_element(i, "mux") + '.';
    return d + ladder_elements(ladder);
}

std::string srt_source(const core::source_uri& s, bool listener) {
    std::string d = "srtsrc name=src uri=" +
                    quoted("srt://" + (listener ? std::string("0.0.0.0") : s.host) + ':' + std::to_string(s.port) +
                           "?mode=" + (listener ? "listener" : "caller"));
    // keep-listening: when an encoder goes away the socket stays open for the next one.
    if (listener) d += " keep-listening=true";
    // Without authentication srtsrc never asks who is calling: the stream id check needs it.
    if (listener && !s.stream_id.empty()) d += " authentication=true";
    if (!s.passphrase.empty()) d += " passphrase=" + quoted(s.passphrase);
    if (!listener && !s.stream_id.empty()) d += " streamid=" + quoted(s.stream_id);
    if (s.latency_ms >= 0) d += " latency=" + std::to_string(s.latency_ms);
    return d + " ! tsparse ! tsdemux name=demux";
}

}  // namespace

std::string quoted(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

pipeline_plan relay_pipeline(const core::source_uri& s, std::string_view hall_name, const ladder_layout& ladder) {
    using core::source_kind;
    pipeline_plan plan;
    switch (s.kind) {
    case source_kind::none:
        return plan;
    case source_kind::test:
        // A moving picture with the hall's name and the server's clock, and a quiet tone, encoded in-process.
        plan.description = "videotestsrc is-live=true pattern=smpte horizontal-speed=2 ! " + picture_caps() +
                           " ! textoverlay text=" + quoted(hall_name) +
                           " font-desc=\"DejaVu Sans 20\" valignment=top halignment=left shaded-background=true"
                           " ! clockoverlay time-format=\"%H:%M:%S\" font-desc=\"DejaVu Sans Mono 28\""
                           " valignment=bottom halignment=right shaded-background=true ! " +
                           h264_encoder(500, picture_fps, ladder.rungs.empty() ? "mux." : "vtee.") +
                           " audiotestsrc is-live=true wave=sine freq=440 volume=0.05 ! " +
                           aac_encoder(ladder.empty() ? "mux." : "atee.");
        if (!ladder.empty()) plan.description += test_ladder_links(ladder);
        break;
    case source_kind::srt_listener:
        plan.description = srt_source(s, true);
        plan.dynamic_pads = true;
        plan.check_stream_id = !s.stream_id.empty();
        plan.rebuild_on_loss = false;
        break;
    case source_kind::srt_caller:
        plan.description = srt_source(s, false);
        plan.dynamic_pads = true;
        break;
    case source_kind::udp:
        plan.description = "udpsrc port=" + std::to_string(s.port) + (s.host.empty() ? "" : " address=" + quoted(s.host)) +
                           " buffer-size=4194304 caps=\"video/mpegts,systemstream=(boolean)true,packetsize=(int)188\""
                           " ! tsparse ! tsdemux name=demux";
        plan.dynamic_pads = true;
        plan.rebuild_on_loss = false;
        break;
    case source_kind::rtsp:
        // Interleaved over TCP: no lost packets on a busy venue network, and no UDP ports to open.
        plan.description = "rtspsrc name=demux location=" + quoted(s.text) + " protocols=tcp latency=200";
        plan.dynamic_pads = true;
        break;
    case source_kind::rtmp:
        plan.description = "rtmpsrc location=" + quoted(s.text + " live=1") + " ! flvdemux name=demux";
        plan.dynamic_pads = true;
        break;
    }
    // Remote sources: the relay links the demuxer's streams to the tees (or to the muxer) as they appear.
    if (plan.dynamic_pads && !ladder.empty()) plan.description += ladder_elements(ladder);
    plan.description += mux_and_sink;
    return plan;
}

bool is_video(const stream_caps& c) {
    return c.name.starts_with("video/") || (c.name == "application/x-rtp" && c.media == "video");
}

std::string branch_description(const stream_caps& c) {
    if (c.name == "video/x-h264") return "queue ! h264parse";
    if (c.name == "audio/mpeg" && (c.mpegversion == 2 || c.mpegversion == 4)) return "queue ! aacparse";
    if (c.name == "audio/mpeg" && c.mpegversion == 1) return "queue ! mpegaudioparse";
    if (c.name == "application/x-rtp") {
        if (c.media == "video" && c.encoding_name == "H264") return "queue ! rtph264depay ! h264parse";
        if (c.media == "audio" && c.encoding_name == "MPEG4-GENERIC") return "queue ! rtpmp4gdepay ! aacparse";
        if (c.media == "audio" && c.encoding_name == "MP4A-LATM") return "queue ! rtpmp4adepay ! aacparse";
    }
    return {};
}

std::string slate_pipeline(std::chrono::seconds duration, int height) {
    const auto seconds = static_cast<int>(duration.count());
    const int frames = picture_fps * seconds;
    // Whole AAC frames of 1024 samples that fit: a few ms of silence short rather than overlapping the next copy.
    const int audio_frames = 48000 * seconds / 1024;
    const auto silence = "audiotestsrc wave=silence samplesperbuffer=1024 num-buffers=" + std::to_string(audio_frames) +
                         " ! " + aac_encoder() + std::string(mux_and_sink);
    if (height == 0) return silence;
    const int width = (height * 16 / 9 + 1) / 2 * 2;
    // Text a little smaller than the lines allow: 26 pt on 360 lines, as the top's slate has.
    const int points = std::max(8, 26 * height / picture_height);
    return "videotestsrc num-buffers=" + std::to_string(frames) + " pattern=solid-color foreground-color=0xff1d2b44 ! " +
           picture_caps(width, height) + " ! textoverlay text=\"Трансляция скоро продолжится\" font-desc=\"DejaVu Sans " +
           std::to_string(points) + "\" valignment=center halignment=center ! " + h264_encoder(300, frames) + ' ' +
           silence;
}

}  // namespace veche::media
