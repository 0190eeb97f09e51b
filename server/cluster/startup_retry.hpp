#pragma once
// Start-up work against JetStream, tried again while the NATS cluster settles.
// A NATS cluster that just started may have no JetStream leader yet; a stream
// that another node just made may have no leader yet, or the server this node
// talks to may not know of it yet. Each of those answers an error for a few
// seconds, then works: start-up waits for it (saying so once) instead of
// stopping the node.

#include "cluster/nats_ptr.hpp"
#include "common/log.hpp"

#include <chrono>
#include <string_view>
#include <thread>

namespace veche::cluster {

inline constexpr auto startup_patience = std::chrono::seconds(20);

// Calls attempt() (returning a natsStatus) until it returns NATS_OK or startup_patience has passed;
// returns the last status. `what` names the work for the log line.
template <typename Attempt>
natsStatus retry_at_startup(std::string_view what, Attempt&& attempt) {
    const auto deadline = std::chrono::steady_clock::now() + startup_patience;
    for (bool said = false;; said = true) {
        const natsStatus s = attempt();
        if (s == NATS_OK || std::chrono::steady_clock::now() >= deadline) return s;
        if (!said)
            log::info("cluster: ", what, ": JetStream is not ready yet (", nats_error(s), "); waiting up to ",
                      startup_patience.count(), " s");
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
}

}  // namespace veche::cluster
