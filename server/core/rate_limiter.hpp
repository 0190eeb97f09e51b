#pragma once
// A token bucket: `rate` tokens a second, at most `burst` saved up. Pure: the
// caller passes the time.

#include "core/time_format.hpp"

namespace veche::core {

class rate_limiter {
public:
    rate_limiter(double rate_per_second, double burst);

    // Takes one token if there is one.
    bool try_take(epoch_ms now);

private:
    double rate_per_ms_;
    double burst_;
    double tokens_;
    epoch_ms last_ = 0;
};

}  // namespace veche::core
