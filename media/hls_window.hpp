#pragma once
// The live playlist of one hall and the segments behind it (RFC 8216). It
// keeps EXT-X-TARGETDURATION constant, EXT-X-MEDIA-SEQUENCE and
// EXT-X-DISCONTINUITY-SEQUENCE monotonic, puts EXT-X-PROGRAM-DATE-TIME on
// every segment and never writes EXT-X-ENDLIST: the stream of a configured
// hall never ends, it falls back to the slate.

#include "media/hls_snapshot.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <string>

namespace veche::media {

class hls_window {
public:
    // epoch: a number that differs between runs of the process (its start time), part of every segment name.
    // spare: segments kept in memory after they leave the playlist, for players that read it a moment ago.
    hls_window(std::int64_t epoch, std::chrono::seconds target_duration, std::chrono::seconds window,
               std::size_t spare = 4);

    const hls_segment& append(std::shared_ptr<const std::string> data, double duration_s,
                              std::int64_t program_date_ms, bool discontinuity);
    // A lower rung's copy of `top`, another window's segment: the same sequence number, date, duration and
    // discontinuity, with this rung's bytes. A sequence number past the next one (the rung could not provide
    // the segments between) starts the list afresh from it.
    const hls_segment& append_as(const hls_segment& top, std::shared_ptr<const std::string> data);

    std::string playlist() const;
    std::shared_ptr<const hls_snapshot> snapshot() const;

    std::uint64_t media_sequence() const { return first_listed_; }
    std::uint64_t discontinuity_sequence() const;
    std::uint64_t next_sequence() const { return next_sequence_; }

private:
    const hls_segment& push(std::shared_ptr<hls_segment> s);
    std::size_t listed_from() const;  // index in segments_ of the first listed segment

    std::int64_t epoch_;
    long target_s_;
    double window_s_;
    std::size_t spare_;
    std::deque<std::shared_ptr<const hls_segment>> segments_;
    std::uint64_t next_sequence_ = 0;
    std::uint64_t first_listed_ = 0;
    std::uint64_t discontinuities_ = 0;  // tags appended so far
};

}  // namespace veche::media
