#pragma once
// What one hall publishes, whatever its source does: the live segments while
// the source delivers, the slate while it does not, with a discontinuity at
// every switch, and the hall's status and figures. This is the top rung (the
// source as it comes); its ladder's other rungs follow its cuts. Its state
// belongs to the media thread (every call but the const ones comes from
// there); network threads read the published snapshots and the status.

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "core/event_definition.hpp"
#include "media/hall_ladder.hpp"
#include "media/hls_window.hpp"
#include "media/hall_recording.hpp"
#include "media/slate_loop.hpp"
#include "media/snapshot_slot.hpp"
#include "media/stream_status.hpp"
#include "media/ts_segmenter.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace veche::media {

using steady_clock = std::chrono::steady_clock;

class hall_channel {
public:
    using status_listener = std::function<void(stream_status)>;

    // recording: where the hall's segments are recorded (it outlives the channel), or null not to record.
    hall_channel(const core::hall_definition& hall, const config::media_settings& settings, std::int64_t epoch,
                 hall_recording* recording, metrics_registry& metrics);

    void set_status_listener(status_listener fn) { on_status_ = std::move(fn); }
    // The pre-encoded slate; until it is set a hall without a source stays offline.
    void set_slate(std::shared_ptr<const std::string> slate, std::chrono::seconds duration);

    // A buffer of the relay's muxer output.
    void on_buffer(std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe, steady_clock::time_point now,
                   wall_clock::time_point wall);
    // A buffer of the muxer of one of the ladder's other rungs.
    void on_rung_buffer(std::size_t rung, std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe,
                        steady_clock::time_point now);
    // The source was lost (same_clock: the relay goes on, as a listener does) or the relay was thrown away and is
    // built again: what comes next is a new timeline and starts at a keyframe.
    void source_restarted(bool same_clock = false);
    // The watchdog, every 100 ms or so. Returns true when the source has just been lost (it delivered and then
    // stopped): the relay should then be rebuilt.
    bool tick(steady_clock::time_point now, wall_clock::time_point wall);
    // The server stops: the hall is offline.
    void stop();

    const std::string& hall_id() const { return hall_id_; }
    stream_status status() const { return status_.load(std::memory_order_acquire); }
    std::shared_ptr<const hls_snapshot> snapshot() const { return snapshot_.load(); }
    hall_ladder& ladder() { return ladder_; }
    const hall_ladder& ladder() const { return ladder_; }

private:
    // live_start_ns: the media time a live segment starts at; none for the slate.
    void publish(std::shared_ptr<const std::string> data, double duration_s, wall_clock::time_point started,
                 bool discontinuity, std::optional<std::int64_t> live_start_ns);
    void segment(std::string_view bytes, std::int64_t t, bool keyframe, wall_clock::time_point wall);
    void publish_live(const segment_cut& cut);
    void enter_slate(steady_clock::time_point now);
    void set_status(stream_status s);

    std::string hall_id_;
    std::chrono::seconds target_;
    std::chrono::milliseconds source_timeout_;
    ts_segmenter segmenter_;
    hls_window window_;
    hall_recording* recording_;
    std::optional<slate_loop> slate_;
    snapshot_slot<hls_snapshot> snapshot_;
    hall_ladder ladder_;
    std::atomic<stream_status> status_{stream_status::offline};
    status_listener on_status_;

    // Since when a hall that never delivered has waited; relays rebuilt meanwhile do not reset it, so a
    // source that keeps failing still gets the slate.
    steady_clock::time_point waiting_since_;
    steady_clock::time_point last_data_;
    steady_clock::time_point next_slate_;
    steady_clock::time_point now_;  // of the call in progress, for the ladder's figures
    std::int64_t open_start_ns_ = 0;  // the media time the segment in progress starts at, as the rungs see it
    std::optional<std::int64_t> last_time_;     // what the latest buffer of the take in progress was stamped
    std::optional<std::int64_t> old_take_end_;  // after a loss on the same clock: when the lost take ended
    bool need_keyframe_ = true;
    bool stopped_ = false;
    bool discontinuity_pending_ = false;  // the next slate copy follows something else
    bool last_was_slate_ = false;         // so live that follows the slate starts a new timeline
    bool warned_long_gop_ = false;
    // Steady-clock ms of the last keyframe, -1 before the first; shared with the scrape-time gauge.
    std::shared_ptr<std::atomic<std::int64_t>> last_keyframe_ms_;

    counter& bytes_in_;
    gauge& bitrate_in_;
    counter& live_segments_;
    counter& slate_segments_;
    counter& slate_ms_;
    gauge& status_gauge_;
};

}  // namespace veche::media
