#include "core/sliding_window_limit.hpp"

namespace veche::core {

void sliding_window_limit::forget_before(epoch_ms now) {
    while (!times_.empty() && times_.front() <= now - window_ms_) times_.pop_front();
}

bool sliding_window_limit::allows(epoch_ms now) {
    forget_before(now);
    return times_.size() < count_;
}

void sliding_window_limit::record(epoch_ms now) {
    forget_before(now);
    times_.push_back(now);
}

}  // namespace veche::core
