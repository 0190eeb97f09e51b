#pragma once
// A session's life while it is live, as its people make it through the real WebSocket and HTTP (questions,
// votes, a poll, caption lines), and what a player makes of its replay, for the replay test.

#include "integration/forum_fixture.hpp"
#include "media_tools.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace veche::test {

// A wall-clock time in ms since the epoch, to sleep until.
std::chrono::system_clock::time_point time_point_of(std::int64_t ms);

class session_activity {
public:
    session_activity(forum_fixture& forum, std::string session);

    // Two questions asked; one approved and voted for by two people, the other rejected.
    void questions_and_votes();
    // A poll created, opened and voted in; then closed.
    void poll_opens();
    void poll_closes();
    // A caption line said over the last 1.2 s, posted by a captioner with its times.
    void line(const std::string& text);
    // The start_ms of every line posted, in order.
    const std::vector<std::int64_t>& lines() const { return line_starts_; }
    // session_control replay_range as a moderator; the ack or the error.
    nlohmann::json correct(std::int64_t from_ms, std::int64_t to_ms);

private:
    nlohmann::json request(ws_client& c, nlohmann::json message);

    forum_fixture& forum_;
    std::string session_;
    std::unique_ptr<ws_client> moderator_, anna_, boris_;
    std::string captioner_;
    std::string poll_;
    std::vector<std::int64_t> line_starts_;
};

// The start of each cue of a WebVTT text, in seconds, in order.
std::vector<double> webvtt_cue_starts(const std::string& vtt);

// Where each of `moments` (program time, ms) plays in the replay whose playlist is `vod`, in seconds, by the
// video's own timestamps: the first video PTS of the segment it falls in, from the first segment's, plus the
// time since that segment's program date. Moments outside the listed segments are left out.
std::map<std::int64_t, double> player_positions(std::uint16_t port, const std::string& session,
                                                const hls_playlist& vod, const std::vector<std::int64_t>& moments);

}  // namespace veche::test
