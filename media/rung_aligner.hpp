#pragma once
// Cuts a lower rung's muxer output where the top rung was cut, and gives each
// piece the place of the top's segment that starts at the same media time:
// its sequence number, date, duration and discontinuity (contract 7.4: all
// rungs of a hall share them, so players switch rungs without a jump). The
// top never waits for a rung: its segments are published as they come, and a
// rung's copy follows when the rung's encoder has caught up with it. A rung
// that cannot provide a segment (its encoder dropped it, or fell too far
// behind) misses that one and goes on with the next. Every segment starts with
// the stream's PAT and PMT, as players need (the rungs' muxers repeat them only
// seldom, to spare the bit rate): the aligner puts the latest ones there.

#include "media/hls_snapshot.hpp"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::media {

class rung_aligner {
public:
    // keyframe: a video rung, whose encoder was made to start a picture group at each of the source's
    // keyframes; it cuts at its keyframe of the same time. any_frame: the audio-only rung, cut at the first
    // audio frame that starts there (within half an AAC frame).
    enum class cut_rule { keyframe, any_frame };

    struct segment {
        hls_segment place;  // the top's segment it stands for (its data is not kept)
        std::shared_ptr<const std::string> data;  // null when the top showed the slate: the rung shows its own
    };

    explicit rung_aligner(cut_rule rule, std::size_t max_waiting = 6);

    // The top started a segment at this media time (the source's keyframe it was cut at).
    void top_started(std::int64_t start_ns);
    // The top published a segment: live (starting at live_start_ns) or the slate.
    void top_published(const hls_segment& top, std::optional<std::int64_t> live_start_ns);
    // A buffer of the rung's muxer output.
    void push(std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe);
    // The source stopped: the segment in progress ends with what the rung has.
    void flush();
    // Forgets everything (the rung starts again, from the next segment the top starts).
    void reset();

    // The rung's segments ready to publish, in order.
    std::vector<segment> take_ready();
    // Top segments the rung could not provide, so far.
    std::uint64_t missed() const { return missed_; }

private:
    struct mark {
        std::size_t offset;  // into data_
        std::int64_t pts;
        bool keyframe;
    };
    struct waiting_entry {
        hls_segment place;
        std::optional<std::int64_t> live_start;
    };

    void note_tables(std::string_view bytes);
    std::shared_ptr<const std::string> with_tables(std::string_view data) const;
    std::optional<std::size_t> find_cut(std::int64_t at) const;
    void advance();
    void close_open(std::size_t end_mark);
    void drop_before(std::size_t first_mark);
    void match();
    bool will_provide(std::int64_t start) const;

    cut_rule rule_;
    std::size_t max_waiting_;
    std::deque<std::int64_t> starts_;  // announced by the top, not reached by the rung yet
    std::optional<std::int64_t> open_;  // the start of the segment the rung is filling
    std::string data_;                  // the rung's bytes since open_ (or, with none open, waiting for a start)
    std::deque<mark> marks_;            // where its timestamped buffers begin
    std::optional<std::int64_t> last_pts_;
    std::deque<std::pair<std::int64_t, std::shared_ptr<const std::string>>> closed_;
    std::deque<waiting_entry> entries_;  // the top's segments not yet matched
    std::vector<segment> ready_;
    std::uint64_t missed_ = 0;
    std::string pat_, pmt_;  // the latest of each, one TS packet
    int pmt_pid_ = -1;
};

}  // namespace veche::media
