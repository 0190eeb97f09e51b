#pragma once

#include "core/event_definition.hpp"
#include "media/media_service.hpp"
#include "net/replay_source.hpp"
#include "store/session_times.hpp"

namespace veche::app {

// The replay routes' view of the server: a session's hall from the event, its live and end times from the
// store, its recording from the media service.
class media_replay_source : public net::replay_source {
public:
    media_replay_source(const core::event_definition& event, const store::session_times_book& times,
                        const media::media_service& media)
        : event_(event), times_(times), media_(media) {}

    std::optional<net::replay_window> window(std::string_view session) const override {
        const auto* def = event_.find_session(session);
        if (!def) return std::nullopt;
        const auto t = times_.find(session);
        if (!t || !t->live_at_ms) return std::nullopt;
        if (t->corrected) return net::replay_window{def->hall, t->corrected->from_ms, t->corrected->to_ms};
        return net::replay_window{def->hall, *t->live_at_ms, t->ended_at_ms};
    }
    std::optional<std::string> playlist(std::string_view hall, std::string_view rung, std::int64_t from_ms,
                                        std::int64_t to_ms, bool ended) const override {
        return media_.vod_playlist(hall, rung, from_ms, to_ms, ended);
    }
    std::optional<std::string> master(std::string_view hall, std::int64_t from_ms, std::int64_t to_ms) const override {
        return media_.vod_master(hall, from_ms, to_ms);
    }
    std::optional<std::filesystem::path> segment(std::string_view hall, std::string_view rung, std::string_view name,
                                                 std::int64_t from_ms, std::int64_t to_ms) const override {
        return media_.vod_segment(hall, rung, name, from_ms, to_ms);
    }
    core::replay_clock clock(std::string_view hall, std::int64_t from_ms, std::int64_t to_ms) const override {
        std::vector<core::replay_piece> pieces;
        for (const auto& s : media_.recorded(hall, from_ms, to_ms))
            if (!s.gap) pieces.push_back({s.program_date_ms, s.duration_ms});
        return core::replay_clock(std::move(pieces));
    }
    std::optional<std::int64_t> recorded_until(std::string_view hall) const override {
        return media_.recorded_until(hall);
    }
    std::filesystem::path recordings_root() const override { return media_.recordings_dir(); }

private:
    const core::event_definition& event_;
    const store::session_times_book& times_;
    const media::media_service& media_;
};

}  // namespace veche::app
