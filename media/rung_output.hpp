#pragma once
// What one lower rung of a hall publishes (or the audio-only rung): its own
// playlist window, slate and recording, each segment in the place of the top's
// segment of the same time, and its figures for /metrics.

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "media/hls_window.hpp"
#include "media/rung_recording.hpp"
#include "media/slate_loop.hpp"
#include "media/stream_info.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace veche::media {

class rung_output {
public:
    // recording: where the rung's live segments are recorded (it outlives the rung), or null not to record.
    rung_output(const std::string& hall, std::string name, const config::media_settings& settings, std::int64_t epoch,
                rung_recording* recording, metrics_registry& metrics);

    void set_slate(std::shared_ptr<const std::string> slate, std::chrono::seconds duration);

    // Publishes the rung's copy of the top's segment `place`: `data`, or a copy of the rung's slate when it is
    // null. Returns false when there was nothing to publish (no slate yet).
    bool publish(const hls_segment& place, std::shared_ptr<const std::string> data);
    // The rung is the top (as tall as the source): count the top's segment as the rung's.
    void count_passthrough(const hls_segment& top, bool live);

    const std::string& name() const { return name_; }
    // Null until it has published a segment.
    std::shared_ptr<const hls_snapshot> snapshot() const { return snapshot_; }
    const stream_info& info() const { return info_; }

    // The figures of its encoder (from the relay) and of its delay behind the top.
    void count_encoder(std::uint64_t frames, std::uint64_t dropped, std::int64_t ns_per_frame);
    void set_lag(std::chrono::milliseconds lag);
    void set_behind(bool behind);

private:
    std::string name_;
    hls_window window_;
    std::shared_ptr<const hls_snapshot> snapshot_;
    std::optional<slate_loop> slate_;
    rung_recording* recording_;
    stream_info info_;
    stream_info slate_info_;

    counter& segments_;
    gauge& bitrate_;
    counter& frames_;
    counter& dropped_;
    gauge& behind_;
    // Read by scrape-time gauges: nanoseconds per encoded frame, milliseconds behind the top.
    std::shared_ptr<std::atomic<std::int64_t>> encode_ns_;
    std::shared_ptr<std::atomic<std::int64_t>> lag_ms_;
};

}  // namespace veche::media
