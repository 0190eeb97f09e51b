#include "pacer.hpp"

#include <boost/asio/post.hpp>

namespace veche::bench {

pacer::pacer(boost::asio::io_context& ioc, std::function<bool()> send) : timer_(ioc), send_(std::move(send)) {}

void pacer::set_rate(double per_second) {
    boost::asio::post(timer_.get_executor(), [self = shared_from_this(), per_second] {
        self->rate_ = per_second;
        self->since_ = std::chrono::steady_clock::now();
        self->sent_in_rate_ = 0;
        if (per_second > 0 && !self->running_) {
            self->running_ = true;
            self->tick();
        }
    });
}

void pacer::stop() { set_rate(0); }

void pacer::tick() {
    if (rate_ <= 0) {
        running_ = false;
        return;
    }
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - since_).count();
    const auto owed = static_cast<std::uint64_t>(elapsed * rate_);
    while (!exhausted_ && sent_in_rate_ < owed) {
        if (!send_()) {
            exhausted_ = true;
            break;
        }
        ++sent_in_rate_;
        ++sent_;
    }
    timer_.expires_after(std::chrono::milliseconds(2));
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec) self->tick();
    });
}

}  // namespace veche::bench
