#include "core/rate_limiter.hpp"

#include <algorithm>

namespace veche::core {

rate_limiter::rate_limiter(double rate_per_second, double burst)
    : rate_per_ms_(rate_per_second / 1000.0), burst_(burst), tokens_(burst) {}

bool rate_limiter::try_take(epoch_ms now) {
    if (now > last_) {
        tokens_ = std::min(burst_, tokens_ + static_cast<double>(now - last_) * rate_per_ms_);
        last_ = now;
    }
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
}

}  // namespace veche::core
