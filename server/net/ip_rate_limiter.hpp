#pragma once
// "At most N a minute from one address", shared by every network thread.
// Generous by design: a whole venue may sit behind one NAT address.

#include "core/sliding_window_limit.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

namespace veche::net {

class ip_rate_limiter {
public:
    explicit ip_rate_limiter(std::size_t per_minute) : per_minute_(per_minute) {}

    // Records the attempt when allowed.
    bool try_take(const std::string& address, core::epoch_ms now);

private:
    std::mutex mutex_;
    std::size_t per_minute_;
    std::unordered_map<std::string, core::sliding_window_limit> windows_;
    std::size_t since_sweep_ = 0;
};

}  // namespace veche::net
