#pragma once
// When a room publishes. Changes committed within one tick go out together
// (one frame per audience); a bigger audience gets a longer tick. While the
// connections still hold many unsent frames, the next tick waits (up to
// max_publish_delay after its first change) and then carries everything
// that came meanwhile: the fan-out clocks itself by the sockets. A viewer
// count waits for its once-a-second slot.

#include "hub/hub_metrics.hpp"
#include "hub/room_publisher.hpp"
#include "hub/room_settings.hpp"
#include "hub/subscriber_set.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace veche::hub {

class publish_pacer {
public:
    using strand = boost::asio::strand<boost::asio::io_context::executor_type>;
    using clock = std::chrono::steady_clock;
    struct hooks {
        std::function<std::shared_ptr<void>()> owner;  // kept alive while a tick is armed
        std::function<void()> publish;                 // renders and sends what is pending
    };

    // backlog: frames queued on every connection and not yet written (see
    // hub); without one the room publishes on its tick alone.
    publish_pacer(strand& on, const publish_pacing& pacing, const room_publisher& publisher,
                  const subscriber_set& subscribers, std::shared_ptr<const std::atomic<std::int64_t>> backlog,
                  hub_metrics& metrics, hooks h);

    // Something may have become due (events committed, a viewer count changed): arms the next tick.
    void schedule();

private:
    void arm(clock::time_point at);
    void fire();

    const publish_pacing& pacing_;
    const room_publisher& publisher_;
    const subscriber_set& subscribers_;
    std::shared_ptr<const std::atomic<std::int64_t>> backlog_;
    hub_metrics& metrics_;
    hooks hooks_;
    boost::asio::steady_timer timer_;
    bool armed_ = false;
    clock::time_point armed_for_{};
    std::uint64_t generation_ = 0;
    clock::time_point last_publish_{};
    bool events_waiting_ = false;
    clock::time_point events_since_{};  // when the oldest unpublished event arrived
};

}  // namespace veche::hub
