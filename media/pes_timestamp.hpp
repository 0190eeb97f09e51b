#pragma once
// The presentation time written in a piece of MPEG-TS, as a player will read
// it. The rungs of a hall are cut on these: each rung has its own muxer, whose
// buffers carry timestamps of their own making, but every muxer writes the
// source's timestamps into its PES headers alike.

#include <cstdint>
#include <optional>
#include <string_view>

namespace veche::media {

// The PTS of the first PES packet that starts in `ts` (whole 188-byte packets), in nanoseconds: of a video
// stream when `video` is set, of any stream otherwise. Nothing when there is none.
std::optional<std::int64_t> first_pes_pts_ns(std::string_view ts, bool video);

// The time a muxer's buffer stands at: what its first PES header says (of its picture when it is a keyframe),
// none when no PES starts in it. Bytes that are not MPEG-TS keep their buffer's time (`fallback`).
std::optional<std::int64_t> content_time_ns(std::string_view bytes, bool keyframe, std::optional<std::int64_t> fallback);

}  // namespace veche::media
