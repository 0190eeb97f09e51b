#include "media/hall_channel.hpp"

#include "common/log.hpp"
#include "media/pes_timestamp.hpp"

namespace veche::media {
namespace {

std::int64_t ms_of(steady_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// How far from the end of a take the old take's tail may be stamped; a new take on the same clock comes at
// least a source timeout (0.5 s and more) and a reconnection later.
constexpr std::int64_t stale_tail_ns = 500'000'000;

std::int64_t epoch_ms_of(wall_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

hall_channel::hall_channel(const core::hall_definition& hall, const config::media_settings& settings, std::int64_t epoch,
                           hall_recording* recording, metrics_registry& metrics)
    : hall_id_(hall.id),
      target_(settings.target_duration_s),
      source_timeout_(settings.source_timeout_ms),
      segmenter_(target_),
      window_(epoch, target_, std::chrono::seconds(settings.window_s)),
      recording_(recording),
      ladder_(hall, settings, epoch, recording, metrics),
      last_keyframe_ms_(std::make_shared<std::atomic<std::int64_t>>(-1)),
      bytes_in_(metrics.make_counter("veche_media_input_bytes_total", "Bytes of stream received from the hall's source",
                                     {{"hall", hall_id_}})),
      bitrate_in_(metrics.make_gauge("veche_media_input_bitrate_bps",
                                     "Bit rate of the hall's source over its last live segment", {{"hall", hall_id_}})),
      live_segments_(metrics.make_counter("veche_media_segments_total", "HLS segments published",
                                          {{"hall", hall_id_}, {"kind", "live"}})),
      slate_segments_(metrics.make_counter("veche_media_segments_total", "HLS segments published",
                                           {{"hall", hall_id_}, {"kind", "slate"}})),
      slate_ms_(metrics.make_scaled_counter("veche_media_slate_seconds_total",
                                            "Stream time the hall's viewers saw the slate instead of the source",
                                            {{"hall", hall_id_}}, 0.001)),
      status_gauge_(metrics.make_gauge("veche_media_status", "Hall stream status: 0 offline, 1 slate, 2 live",
                                       {{"hall", hall_id_}})) {
    metrics.add_gauge_callback("veche_media_keyframe_age_seconds",
                               "Seconds since the hall's source sent its last keyframe (-1: none yet)",
                               {{"hall", hall_id_}}, [last = last_keyframe_ms_] {
                                   const auto at = last->load(std::memory_order_relaxed);
                                   if (at < 0) return -1.0;
                                   return static_cast<double>(ms_of(steady_clock::now()) - at) / 1000.0;
                               });
    waiting_since_ = steady_clock::now();
}

void hall_channel::set_slate(std::shared_ptr<const std::string> slate, std::chrono::seconds duration) {
    slate_.emplace(std::move(slate), static_cast<std::int64_t>(duration.count()) * 90000);
}

void hall_channel::on_buffer(std::string_view bytes, std::optional<std::int64_t> pts_ns, bool keyframe,
                             steady_clock::time_point now, wall_clock::time_point wall) {
    if (stopped_) return;
    now_ = now;
    last_data_ = now;
    bytes_in_.inc(bytes.size());
    if (keyframe) last_keyframe_ms_->store(ms_of(now), std::memory_order_relaxed);
    const auto t = pts_ns ? *pts_ns : std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
    if (need_keyframe_) {
        // After a loss on the same clock the demuxer may pass on the old take's tail when the encoder comes back,
        // stamped seconds before the new take: that is the start of nothing.
        const auto time = content_time_ns(bytes, keyframe, t);
        if (old_take_end_ && time && *time > *old_take_end_ - stale_tail_ns && *time < *old_take_end_ + stale_tail_ns)
            return;
        // A player cannot start a timeline mid-GOP: live (re)joins on the source's first keyframe.
        if (!keyframe) return;
        need_keyframe_ = false;
        old_take_end_.reset();
    }
    if (const auto time = content_time_ns(bytes, false, t)) last_time_ = time;
    segment(bytes, t, keyframe, wall);
}

void hall_channel::segment(std::string_view bytes, std::int64_t t, bool keyframe, wall_clock::time_point wall) {
    const auto started = segmenter_.started();
    if (auto cut = segmenter_.push(bytes, t, keyframe, wall)) publish_live(*cut);
    if (segmenter_.started() != started) {
        // The lower rungs cut where the top starts this segment: at the time its picture carries (its audio's,
        // when the segment was cut between pictures).
        open_start_ns_ = content_time_ns(bytes, true, t).value_or(t);
        ladder_.top_started(open_start_ns_, now_);
    }
}

void hall_channel::on_rung_buffer(std::size_t rung, std::string_view bytes, std::optional<std::int64_t> pts_ns,
                                  bool keyframe, steady_clock::time_point now) {
    if (!stopped_) ladder_.on_buffer(rung, bytes, pts_ns, keyframe, now);
}

void hall_channel::source_restarted(bool same_clock) {
    need_keyframe_ = true;
    // A new take on the same clock starts after the source's silence: anything stamped around the old take's end
    // is left of it (a source that starts its clock again may stamp its new take anywhere else).
    old_take_end_ = same_clock ? last_time_ : std::nullopt;
    last_time_.reset();
    if (auto cut = segmenter_.flush()) publish_live(*cut);
    ladder_.source_restarted(now_);
}

bool hall_channel::tick(steady_clock::time_point now, wall_clock::time_point wall) {
    if (stopped_) return false;
    now_ = now;
    const auto st = status();
    // Lost: it had joined (sent a keyframe) and then went quiet.
    const bool lost = !need_keyframe_ && now - last_data_ > source_timeout_;
    if (lost) {
        log::warn("hall ", hall_id_, ": no data from the source for ", source_timeout_.count(), " ms, showing the slate");
        source_restarted(true);
        enter_slate(now);
    }
    if (st == stream_status::offline && now - waiting_since_ > source_timeout_) enter_slate(now);
    if (status() == stream_status::slate && now >= next_slate_) {
        publish(slate_->next(), slate_->duration_s(), wall, discontinuity_pending_, std::nullopt);
        discontinuity_pending_ = false;
        next_slate_ += target_;
        // After a stall of the media thread, do not publish a burst of slate copies to catch up.
        if (next_slate_ < now) next_slate_ = now + target_;
    }
    return lost;
}

void hall_channel::enter_slate(steady_clock::time_point now) {
    need_keyframe_ = true;
    if (!slate_) {
        set_status(stream_status::offline);
        return;
    }
    discontinuity_pending_ = true;
    next_slate_ = now;
    set_status(stream_status::slate);
}

void hall_channel::stop() {
    if (stopped_) return;
    source_restarted();
    stopped_ = true;
    set_status(stream_status::offline);
}

void hall_channel::publish_live(const segment_cut& cut) {
    if (!cut.keyframe_start && !warned_long_gop_) {
        warned_long_gop_ = true;
        log::warn("hall ", hall_id_, ": the source's keyframes are further apart than the target duration (",
                  target_.count(), " s); segments are cut between them. Ask the hall for a 1-2 s keyframe interval");
    }
    // The stub of a segment closed by a lost source would make a wild figure.
    if (cut.duration_s >= 0.5)
        bitrate_in_.set(static_cast<std::int64_t>(static_cast<double>(cut.data->size()) * 8.0 / cut.duration_s));
    // A discontinuity is also due when the previous segment was the slate.
    publish(cut.data, cut.duration_s, cut.started_at, cut.discontinuity || last_was_slate_, open_start_ns_);
    // Live once there is live video to play (not at the first keyframe: the playlist would still show the slate,
    // or not exist), and not for the last, short segment cut when the source is lost.
    if (!need_keyframe_ && status() != stream_status::live) {
        log::info("hall ", hall_id_, ": live");
        set_status(stream_status::live);
    }
}

void hall_channel::publish(std::shared_ptr<const std::string> data, double duration_s, wall_clock::time_point started,
                           bool discontinuity, std::optional<std::int64_t> live_start_ns) {
    const bool live = live_start_ns.has_value();
    const auto& segment = window_.append(std::move(data), duration_s, epoch_ms_of(started), discontinuity);
    if (recording_ && live)
        recording_->top().record(segment.name, segment.program_date_ms, duration_s, segment.discontinuity, segment.data);
    else if (recording_)
        recording_->top().record_gap(segment.program_date_ms, duration_s);  // the replay shows the gap
    auto snapshot = window_.snapshot();
    snapshot_.store(snapshot);
    ladder_.top_published(segment, live_start_ns, std::move(snapshot), now_);
    last_was_slate_ = !live;
    if (live) {
        live_segments_.inc();
    } else {
        slate_segments_.inc();
        slate_ms_.inc(static_cast<std::uint64_t>(duration_s * 1000.0));
    }
}

void hall_channel::set_status(stream_status s) {
    if (status_.exchange(s, std::memory_order_acq_rel) == s) return;
    status_gauge_.set(static_cast<std::int64_t>(s));
    if (on_status_) on_status_(s);
}

}  // namespace veche::media
