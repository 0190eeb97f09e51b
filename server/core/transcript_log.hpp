#pragma once
// A session's transcript: the final segments in the order they came, and the
// partial ones still being typed (at most one per segment id).

#include "core/transcript_segment.hpp"

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace veche::core {

class transcript_log {
public:
    const std::vector<transcript_segment>& finals() const { return finals_; }
    const transcript_segment* find_final(const std::string& id) const;
    // The last n finals, oldest first.
    std::vector<transcript_segment> last_finals(std::size_t n) const;
    // Every final ordered by start time (for WebVTT and the JSON download).
    std::vector<transcript_segment> finals_by_time() const;
    std::vector<transcript_segment> partials() const;
    // When the first partial of a segment arrived: its start when the captioner gives none.
    std::optional<epoch_ms> first_seen(const std::string& id) const;

    void apply_final(const transcript_segment& s);
    void set_partial(const transcript_segment& s);

private:
    std::vector<transcript_segment> finals_;
    std::unordered_map<std::string, std::size_t> final_index_;
    std::map<std::string, transcript_segment> partials_;
};

}  // namespace veche::core
