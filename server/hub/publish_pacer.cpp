#include "hub/publish_pacer.hpp"

#include "common/wall_clock.hpp"

#include <algorithm>

namespace veche::hub {

publish_pacer::publish_pacer(strand& on, const publish_pacing& pacing, const room_publisher& publisher,
                             const subscriber_set& subscribers,
                             std::shared_ptr<const std::atomic<std::int64_t>> backlog, hub_metrics& metrics, hooks h)
    : pacing_(pacing),
      publisher_(publisher),
      subscribers_(subscribers),
      backlog_(std::move(backlog)),
      metrics_(metrics),
      hooks_(std::move(h)),
      timer_(on) {}

void publish_pacer::schedule() {
    const auto now = clock::now();
    if (publisher_.has_events()) {
        if (!events_waiting_) {
            events_waiting_ = true;
            events_since_ = now;
        }
        const auto per_subscribers = std::chrono::milliseconds(
            static_cast<std::int64_t>(subscribers_.size() / std::max<std::size_t>(1, pacing_.subscribers_per_tick_ms)));
        const auto tick = std::clamp(per_subscribers, pacing_.min_tick, pacing_.max_tick);
        arm(std::max(now, last_publish_ + tick));
    } else if (publisher_.viewers_pending()) {
        arm(now + std::chrono::milliseconds(std::max<std::int64_t>(0, publisher_.viewers_due() - now_ms())));
    }
}

void publish_pacer::arm(clock::time_point at) {
    if (armed_ && at >= armed_for_) return;
    armed_ = true;
    armed_for_ = at;
    // Re-arming cancels the earlier wait; its handler sees a newer generation and does nothing.
    const auto generation = ++generation_;
    timer_.expires_at(at);
    timer_.async_wait([this, generation, keep = hooks_.owner()](const boost::system::error_code& ec) {
        if (generation != generation_) return;
        armed_ = false;
        if (!ec) fire();
    });
}

void publish_pacer::fire() {
    const auto now = clock::now();
    const auto behind = backlog_ ? backlog_->load(std::memory_order_relaxed) : 0;
    const auto allowed = static_cast<std::int64_t>(
        std::max(pacing_.min_backlog, subscribers_.size() / std::max<std::size_t>(1, pacing_.backlog_subscribers)));
    if (publisher_.has_events() && behind > allowed && now - events_since_ < pacing_.max_publish_delay) {
        metrics_.publish_deferrals.inc();
        return arm(now + pacing_.recheck);
    }
    last_publish_ = now;
    events_waiting_ = false;
    hooks_.publish();
    schedule();  // a viewer count held back by its once-a-second limit
}

}  // namespace veche::hub
