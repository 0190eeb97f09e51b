#pragma once
// A hall's rungs besides the top (contract 7.4): the lower rungs of its
// ladder that the relay encodes and the audio-only rung, each aligned on the
// top's segments, and the multivariant playlist over them all. The top (the
// source as it comes, hall_channel's own stream) never waits for them. Runs on
// the media thread; network threads read the published snapshot.

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "core/event_definition.hpp"
#include "media/hall_recording.hpp"
#include "media/ladder_plan.hpp"
#include "media/ladder_snapshot.hpp"
#include "media/rung_aligner.hpp"
#include "media/rung_output.hpp"
#include "media/snapshot_slot.hpp"

#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace veche::media {

class hall_ladder {
public:
    using steady_time = std::chrono::steady_clock::time_point;

    // recording: the hall's recording (each rung records into its own), or null not to record.
    hall_ladder(const core::hall_definition& hall, const config::media_settings& settings, std::int64_t epoch,
                hall_recording* recording, metrics_registry& metrics);

    // The rungs: the ladder's, tallest first, then the audio-only one when the hall has it.
    std::size_t size() const { return rungs_.size(); }
    // Its height, 0 for the audio-only rung.
    int height_of(std::size_t rung) const;
    void set_slate(std::size_t rung, std::shared_ptr<const std::string> slate, std::chrono::seconds duration);

    // The source's picture is known (or changed): which rungs are the top, encoded or skipped.
    void set_plan(const ladder_plan& plan);
    const ladder_plan& plan() const { return plan_; }

    // The top started a segment at this media time.
    void top_started(std::int64_t start_ns, steady_time now);
    // The top published `segment` (live from live_start_ns, or the slate); `top` is its new snapshot.
    void top_published(const hls_segment& segment, std::optional<std::int64_t> live_start_ns,
                       std::shared_ptr<const hls_snapshot> top, steady_time now);
    // A buffer of a rung's muxer output.
    void on_buffer(std::size_t rung, std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe,
                   steady_time now);
    // The source stopped or was replaced: every rung ends its segment and its recording's take.
    void source_restarted(steady_time now);
    // The encoder's figures since the last call (from the relay).
    void count_encoder(std::size_t rung, std::uint64_t frames, std::uint64_t dropped, std::int64_t ns_per_frame);

    // Any thread.
    std::shared_ptr<const ladder_snapshot> snapshot() const { return snapshot_.load(); }

private:
    struct rung {
        std::optional<core::rung_definition> definition;  // none: the audio-only rung
        rung_output output;
        rung_aligner aligner;
        bool active = false;  // encoded by the relay, or the audio-only rung
        bool behind = false;
        std::uint64_t missed_seen = 0;
    };

    bool publish_ready(rung& r, steady_time now);  // whether it published anything
    void note_lag(rung& r, std::chrono::milliseconds lag);
    void rebuild();
    std::string describe(const ladder_plan& plan) const;

    std::string hall_id_;
    std::vector<core::rung_definition> ladder_;
    std::chrono::milliseconds target_;
    std::vector<std::unique_ptr<rung>> rungs_;
    ladder_plan plan_;
    std::shared_ptr<const hls_snapshot> top_;
    stream_info top_info_;
    std::deque<std::pair<std::uint64_t, steady_time>> top_times_;  // when the top published its last segments
    snapshot_slot<ladder_snapshot> snapshot_;
};

}  // namespace veche::media
