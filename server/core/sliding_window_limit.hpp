#pragma once
// At most `count` events in any `window_ms`: "5 asks a minute" means exactly that.

#include "core/time_format.hpp"

#include <cstddef>
#include <deque>

namespace veche::core {

class sliding_window_limit {
public:
    sliding_window_limit(std::size_t count, epoch_ms window_ms) : count_(count), window_ms_(window_ms) {}

    bool allows(epoch_ms now);  // without recording
    void record(epoch_ms now);

private:
    void forget_before(epoch_ms now);

    std::size_t count_;
    epoch_ms window_ms_;
    std::deque<epoch_ms> times_;
};

}  // namespace veche::core
