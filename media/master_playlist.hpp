#pragma once
// A hall's multivariant playlist (RFC 8216 4.3.4.2; contract 7.4): one
// EXT-X-STREAM-INF per rung that has published something, with the figures a
// player picks by, measured on the rung's own segments.

#include "media/hls_snapshot.hpp"
#include "media/stream_info.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace veche::media {

struct variant {
    std::string uri;  // relative to the multivariant playlist: "240p/index.m3u8"
    stream_info info;
    std::uint64_t peak_bps = 0;     // BANDWIDTH
    std::uint64_t average_bps = 0;  // AVERAGE-BANDWIDTH
};

// BANDWIDTH and AVERAGE-BANDWIDTH of the segments a rung holds: the highest bit rate of one segment and the
// bit rate of them all. Stubs under half a second (cut short by a lost source) make wild figures and count
// only when there is nothing else.
void measure_bandwidth(const hls_snapshot& rung, variant& out);

// Empty when there is no variant.
std::string master_playlist(const std::vector<variant>& variants);

}  // namespace veche::media
