#pragma once
// Sends at a steady rate on one generator thread: every 2 ms it sends as many
// messages as the rate owes since the rate was set, so a publish schedule is
// the same whichever server it drives.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace veche::bench {

class pacer : public std::enable_shared_from_this<pacer> {
public:
    // send() sends one message and says false when there is nothing left to send.
    pacer(boost::asio::io_context& ioc, std::function<bool()> send);

    // From any thread: the new rate (messages a second) from now on; 0 stops sending.
    void set_rate(double per_second);
    void stop();
    // Messages sent so far (read from other threads when the pacer is stopped or between steps).
    std::uint64_t sent() const { return sent_.load(); }

private:
    void tick();

    boost::asio::steady_timer timer_;
    std::function<bool()> send_;
    double rate_ = 0;
    std::chrono::steady_clock::time_point since_{};
    std::uint64_t sent_in_rate_ = 0;
    std::atomic<std::uint64_t> sent_{0};
    bool running_ = false;
    bool exhausted_ = false;
};

}  // namespace veche::bench
