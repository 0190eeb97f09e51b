#pragma once
// One hall's stream as HTTP serves it at one moment: the playlist and the
// segments still in memory. Immutable once published, so any network thread
// may read it while the media thread builds the next one.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace veche::media {

struct hls_segment {
    std::uint64_t sequence = 0;
    std::string name;  // "{epoch}-{sequence}.ts": unique across restarts, so caches may keep it forever
    double duration_s = 0;
    std::int64_t program_date_ms = 0;  // wall clock of its first frame, ms since the Unix epoch
    bool discontinuity = false;
    // Its discontinuity sequence number (RFC 8216 6.2.1): the tags on it and on every segment before it. Equal
    // across the rungs of a hall for the same sequence number, so that players switch rungs without a jump.
    std::uint64_t discontinuity_sequence = 0;
    std::shared_ptr<const std::string> data;
};

struct hls_snapshot {
    std::shared_ptr<const std::string> playlist;
    std::vector<std::shared_ptr<const hls_segment>> segments;  // oldest first, consecutive sequence numbers

    std::shared_ptr<const std::string> find(std::string_view name) const {
        for (const auto& s : segments)
            if (s->name == name) return s->data;
        return nullptr;
    }
};

}  // namespace veche::media
