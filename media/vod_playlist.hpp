#pragma once
// A replay's playlists (contract 7.5): a slice of a hall's recording as an
// HLS media playlist, EVENT while the session is live (it only grows, so a
// late viewer can go back to the start) and VOD with EXT-X-ENDLIST once it
// has ended, every segment with its PROGRAM-DATE-TIME; and the multivariant
// playlist over the rungs that recorded the slice.

#include "media/recorded_segment.hpp"

#include <string>
#include <vector>

namespace veche::media {

// Gaps (slate) are not listed; the segment after one starts a new timeline (EXT-X-DISCONTINUITY), as does one
// that does not follow on from its predecessor (a new take, a restart of the server).
std::string vod_playlist(const std::vector<recorded_segment>& slice, bool ended);

struct vod_rung {
    std::string uri;  // "index.m3u8", "240p/index.m3u8"
    std::vector<recorded_segment> slice;
};

// Empty when no rung recorded anything of the slice.
std::string vod_master(const std::vector<vod_rung>& rungs);

}  // namespace veche::media
