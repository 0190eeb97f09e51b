#include "net/ip_rate_limiter.hpp"

namespace veche::net {

bool ip_rate_limiter::try_take(const std::string& address, core::epoch_ms now) {
    std::lock_guard lock(mutex_);
    // Now and then forget addresses that have been quiet for a minute, so the map stays small.
    if (++since_sweep_ >= 4096) {
        since_sweep_ = 0;
        for (auto it = windows_.begin(); it != windows_.end();) {
            if (it->second.allows(now) && it->second.allows(now + 60'000)) it = windows_.erase(it);
            else ++it;
        }
    }
    auto [it, fresh] = windows_.try_emplace(address, per_minute_, 60'000);
    if (!it->second.allows(now)) return false;
    it->second.record(now);
    return true;
}

}  // namespace veche::net
