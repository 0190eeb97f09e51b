#include "media/stream_info.hpp"

// GStreamer calls its codec parsers "unstable API": their ABI may change between minor versions. We build
// against the Debian package we run with, and use only the SPS fields that every version has.
#define GST_USE_UNSTABLE_API
#include <gst/codecparsers/gsth264parser.h>

#include <cstdint>
#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace veche::media {
namespace {

constexpr std::size_t packet_size = 188;
constexpr int no_pid = -1;

// ISO/IEC 13818-1 stream types that the relay carries.
constexpr int type_h264 = 0x1B;
constexpr int type_aac_adts = 0x0F;
constexpr int type_mpeg1_audio = 0x03;
constexpr int type_mpeg2_audio = 0x04;

struct packet {
    int pid = 0;
    bool unit_start = false;
    std::string_view payload;
};

std::optional<packet> parse_packet(const std::uint8_t* p) {
    if (p[0] != 0x47) return std::nullopt;
    packet out;
    out.pid = ((p[1] & 0x1F) << 8) | p[2];
    out.unit_start = p[1] & 0x40;
    const int adaptation = (p[3] >> 4) & 0x3;
    if (!(adaptation & 0x1)) return out;
    std::size_t offset = 4;
    if (adaptation & 0x2) offset += 1 + p[4];
    if (offset < packet_size) out.payload = {reinterpret_cast<const char*>(p) + offset, packet_size - offset};
    return out;
}

// A PSI section that starts in this packet (pointer field skipped); empty when it does not fit.
std::string_view section_of(const packet& pk) {
    if (!pk.unit_start || pk.payload.empty()) return {};
    const auto pointer = static_cast<std::uint8_t>(pk.payload[0]);
    if (1u + pointer + 3 > pk.payload.size()) return {};
    const auto s = pk.payload.substr(1 + pointer);
    const std::size_t length = ((static_cast<std::uint8_t>(s[1]) & 0x0F) << 8) | static_cast<std::uint8_t>(s[2]);
    return 3 + length <= s.size() ? s.substr(0, 3 + length) : std::string_view{};
}

std::uint8_t byte(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

// The PES header's PTS, in 90 kHz units, when it has one.
std::optional<std::int64_t> pes_pts(std::string_view pes) {
    if (pes.size() < 14 || byte(pes, 0) != 0 || byte(pes, 1) != 0 || byte(pes, 2) != 1) return std::nullopt;
    if (!(byte(pes, 7) & 0x80)) return std::nullopt;
    return (std::int64_t(byte(pes, 9) & 0x0E) << 29) | (std::int64_t(byte(pes, 10)) << 22) |
           (std::int64_t(byte(pes, 11) & 0xFE) << 14) | (std::int64_t(byte(pes, 12)) << 7) | (byte(pes, 13) >> 1);
}

std::string_view pes_payload(std::string_view pes) {
    if (pes.size() < 9) return {};
    const std::size_t start = 9u + byte(pes, 8);
    return start <= pes.size() ? pes.substr(start) : std::string_view{};
}

void read_sps(std::string_view access_unit, stream_info& out) {
    GstH264NalParser* parser = gst_h264_nal_parser_new();
    const auto* data = reinterpret_cast<const guint8*>(access_unit.data());
    const auto size = static_cast<gsize>(access_unit.size());
    GstH264NalUnit nal{};
    guint offset = 0;
    while (true) {
        const auto found = gst_h264_parser_identify_nalu(parser, data, offset, size, &nal);
        // NO_NAL_END: the last unit, running to the end of the data.
        if (found != GST_H264_PARSER_OK && found != GST_H264_PARSER_NO_NAL_END) break;
        if (nal.type == GST_H264_NAL_SPS) {
            GstH264SPS sps{};
            if (gst_h264_parser_parse_sps(parser, &nal, &sps) == GST_H264_PARSER_OK) {
                const int constraints = (sps.constraint_set0_flag << 7) | (sps.constraint_set1_flag << 6) |
                                        (sps.constraint_set2_flag << 5) | (sps.constraint_set3_flag << 4) |
                                        (sps.constraint_set4_flag << 3) | (sps.constraint_set5_flag << 2);
                char codec[16];
                std::snprintf(codec, sizeof codec, "avc1.%02x%02x%02x", sps.profile_idc & 0xFF, constraints & 0xFF,
                              sps.level_idc & 0xFF);
                out.video_codec = codec;
                out.width = sps.frame_cropping_flag ? sps.crop_rect_width : sps.width;
                out.height = sps.frame_cropping_flag ? sps.crop_rect_height : sps.height;
                const auto& vui = sps.vui_parameters;
                if (sps.vui_parameters_present_flag && vui.timing_info_present_flag && vui.num_units_in_tick > 0)
                    out.frame_rate = static_cast<double>(vui.time_scale) / (2.0 * vui.num_units_in_tick);
                gst_h264_sps_clear(&sps);
            }
            break;
        }
        if (found == GST_H264_PARSER_NO_NAL_END) break;
        offset = nal.offset + nal.size;
    }
    gst_h264_nal_parser_free(parser);
}

void read_adts(std::string_view frame, int stream_type, stream_info& out) {
    if (stream_type == type_mpeg1_audio || stream_type == type_mpeg2_audio) {
        out.audio_codec = "mp4a.40.34";
        return;
    }
    if (frame.size() < 7 || byte(frame, 0) != 0xFF || (byte(frame, 1) & 0xF6) != 0xF0) return;
    const int object_type = ((byte(frame, 2) >> 6) & 0x3) + 1;
    out.audio_codec = "mp4a.40." + std::to_string(object_type);
}

}  // namespace

std::string stream_info::codecs() const {
    if (video_codec.empty()) return audio_codec;
    return audio_codec.empty() ? video_codec : video_codec + ',' + audio_codec;
}

stream_info inspect_segment(std::string_view ts) {
    stream_info out;
    int pmt_pid = no_pid, video_pid = no_pid, audio_pid = no_pid, audio_type = 0;
    auto each_packet = [&](auto&& fn) {
        for (std::size_t at = 0; at + packet_size <= ts.size(); at += packet_size)
            if (const auto pk = parse_packet(reinterpret_cast<const std::uint8_t*>(ts.data() + at))) fn(*pk);
    };
    // The tables first: a segment may start with its first picture and carry them a moment later.
    each_packet([&](const packet& pk) {
        if (pk.pid == 0 && pmt_pid == no_pid) {
            const auto s = section_of(pk);
            // The first program's PMT (program number 0 is the network PID).
            for (std::size_t i = 8; s.size() >= 12 && i + 4 <= s.size() - 4; i += 4)
                if ((byte(s, i) << 8 | byte(s, i + 1)) != 0) {
                    pmt_pid = ((byte(s, i + 2) & 0x1F) << 8) | byte(s, i + 3);
                    break;
                }
        } else if (pk.pid == pmt_pid && video_pid == no_pid && audio_pid == no_pid) {
            const auto s = section_of(pk);
            if (s.size() < 16) return;
            std::size_t i = 12 + (((byte(s, 10) & 0x0F) << 8) | byte(s, 11));
            for (; i + 5 <= s.size() - 4; i += 5 + (((byte(s, i + 3) & 0x0F) << 8) | byte(s, i + 4))) {
                const int type = byte(s, i);
                const int pid = ((byte(s, i + 1) & 0x1F) << 8) | byte(s, i + 2);
                if (type == type_h264 && video_pid == no_pid) video_pid = pid;
                if ((type == type_aac_adts || type == type_mpeg1_audio || type == type_mpeg2_audio) &&
                    audio_pid == no_pid) {
                    audio_pid = pid;
                    audio_type = type;
                }
            }
        }
    });
    std::string video_pes, audio_pes;  // the first whole PES packet of each
    bool video_done = false, audio_done = false;
    int frames = 0;
    std::int64_t min_pts = 0, max_pts = 0;
    each_packet([&](const packet& pk) {
        if (pk.pid == video_pid && video_pid != no_pid) {
            if (pk.unit_start) {
                video_done = video_done || !video_pes.empty();
                if (const auto pts = pes_pts(pk.payload)) {
                    min_pts = frames == 0 ? *pts : std::min(min_pts, *pts);
                    max_pts = frames == 0 ? *pts : std::max(max_pts, *pts);
                    ++frames;
                }
            }
            if (!video_done && (pk.unit_start || !video_pes.empty())) video_pes.append(pk.payload);
        } else if (pk.pid == audio_pid && audio_pid != no_pid && !audio_done) {
            audio_done = pk.unit_start && !audio_pes.empty();
            if (!audio_done && (pk.unit_start || !audio_pes.empty())) audio_pes.append(pk.payload);
        }
    });
    if (!video_pes.empty()) read_sps(pes_payload(video_pes), out);
    if (!audio_pes.empty()) read_adts(pes_payload(audio_pes), audio_type, out);
    // The frames' timestamps, when there are enough of them, say the rate better than the stream's own claim
    // (often absent); a span past 10 s is a clock that wrapped within the segment.
    const auto span = max_pts - min_pts;
    if (frames >= 3 && span > 0 && span < 10 * 90000)
        out.frame_rate = static_cast<double>(frames - 1) * 90000.0 / static_cast<double>(span);
    return out;
}

}  // namespace veche::media
