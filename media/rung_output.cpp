#include "media/rung_output.hpp"

namespace veche::media {

rung_output::rung_output(const std::string& hall, std::string name, const config::media_settings& settings,
                         std::int64_t epoch, rung_recording* recording, metrics_registry& metrics)
    : name_(std::move(name)),
      window_(epoch, std::chrono::seconds(settings.target_duration_s), std::chrono::seconds(settings.window_s)),
      recording_(recording),
      segments_(metrics.make_counter("veche_media_rung_segments_total", "HLS segments published in the rung (live and slate)",
                                     {{"hall", hall}, {"rung", name_}})),
      bitrate_(metrics.make_gauge("veche_media_rung_bitrate_bps", "Bit rate of the rung's last live segment",
                                  {{"hall", hall}, {"rung", name_}})),
      frames_(metrics.make_counter("veche_media_rung_frames_total", "Pictures the rung's encoder encoded",
                                   {{"hall", hall}, {"rung", name_}})),
      dropped_(metrics.make_counter("veche_media_rung_dropped_frames_total",
                                    "Pictures dropped before the rung's encoder because it could not keep up",
                                    {{"hall", hall}, {"rung", name_}})),
      behind_(metrics.make_gauge("veche_media_rung_behind", "1 while the rung lags more than a target duration behind the source",
                                 {{"hall", hall}, {"rung", name_}})),
      encode_ns_(std::make_shared<std::atomic<std::int64_t>>(0)),
      lag_ms_(std::make_shared<std::atomic<std::int64_t>>(0)) {
    metrics.add_gauge_callback("veche_media_rung_encode_seconds_per_frame",
                               "Mean time the rung's encoder spent on a picture over the last second (compare with 1/fps)",
                               {{"hall", hall}, {"rung", name_}},
                               [v = encode_ns_] { return static_cast<double>(v->load(std::memory_order_relaxed)) / 1e9; });
    metrics.add_gauge_callback("veche_media_rung_lag_seconds",
                               "How long after the top rung the rung published its last segment",
                               {{"hall", hall}, {"rung", name_}},
                               [v = lag_ms_] { return static_cast<double>(v->load(std::memory_order_relaxed)) / 1e3; });
}

void rung_output::set_slate(std::shared_ptr<const std::string> slate, std::chrono::seconds duration) {
    slate_info_ = inspect_segment(*slate);
    slate_.emplace(std::move(slate), static_cast<std::int64_t>(duration.count()) * 90000);
}

bool rung_output::publish(const hls_segment& place, std::shared_ptr<const std::string> data) {
    const bool live = data != nullptr;
    if (live) {
        info_ = inspect_segment(*data);
        if (recording_) recording_->record(place.name, place.program_date_ms, place.duration_s, place.discontinuity, data);
        if (place.duration_s >= 0.5)
            bitrate_.set(static_cast<std::int64_t>(static_cast<double>(data->size()) * 8.0 / place.duration_s));
    } else {
        if (!slate_) return false;
        data = slate_->next();
        info_ = slate_info_;
    }
    window_.append_as(place, std::move(data));
    snapshot_ = window_.snapshot();
    segments_.inc();
    return true;
}

void rung_output::count_passthrough(const hls_segment& top, bool live) {
    segments_.inc();
    if (live && top.data && top.duration_s >= 0.5)
        bitrate_.set(static_cast<std::int64_t>(static_cast<double>(top.data->size()) * 8.0 / top.duration_s));
}

void rung_output::count_encoder(std::uint64_t frames, std::uint64_t dropped, std::int64_t ns_per_frame) {
    frames_.inc(frames);
    dropped_.inc(dropped);
    encode_ns_->store(ns_per_frame, std::memory_order_relaxed);
}

void rung_output::set_lag(std::chrono::milliseconds lag) { lag_ms_->store(lag.count(), std::memory_order_relaxed); }

void rung_output::set_behind(bool behind) { behind_.set(behind ? 1 : 0); }

}  // namespace veche::media
