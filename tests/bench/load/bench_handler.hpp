#pragma once
// The part of every scenario's client logic that is the same: against Veche a
// client says hello with its token, subscribes when it is a subscriber, and
// counts what it gets; against the reference a client is ready once connected
// (its protocol is only "what one sends, all others get"). Scenarios add what
// an event or an ack means to them. Statistics are kept per generator thread.

#include "client_pool.hpp"
#include "delivery_stats.hpp"
#include "frame_scanner.hpp"
#include "target_server.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace veche::bench {

class bench_handler : public client_handler {
public:
    bench_handler(server_kind kind, std::size_t shards);

    server_kind kind() const { return kind_; }
    // Veche: client i says hello with tokens[i]; subscribers subscribe to `session`.
    std::vector<std::string> tokens;
    std::string session;
    std::function<bool(std::size_t index)> subscribes = [](std::size_t) { return true; };

    std::atomic<std::size_t> ready{0};   // welcomed (and subscribed, for subscribers); reference: connected
    std::atomic<std::size_t> ended{0};   // connections that failed or were closed

    void on_open(ws_client& c) override;
    void on_frame(ws_client& c, std::string_view text, std::int64_t now_us) override;
    void on_close(ws_client& c, std::uint16_t code, std::string_view what) override;

    // Merges every thread's statistics (and clears them when `reset`): on the pool's threads.
    delivery_stats collect(client_pool& pool, bool reset);
    // Items delivered so far on every thread (from any thread; never reset).
    std::uint64_t delivered_total() const;
    // Waits until `ready` reaches n, or the timeout passes, or everything ended; true when reached.
    bool wait_ready(std::size_t n, double timeout_s) const;

protected:
    // A live event (Veche) or a broadcast message (reference) reached a subscriber.
    virtual void on_event(ws_client&, const frame_item&, std::int64_t /*now_us*/, delivery_stats&) {}
    virtual void on_ack(ws_client&, const frame_item&, std::int64_t /*now_us*/, delivery_stats&) {}
    virtual void on_error(ws_client&, const frame_item&, delivery_stats&) {}
    virtual void on_ready(ws_client&) {}
    delivery_stats& stats_of(const ws_client& c) { return shards_[c.shard()].stats; }

private:
    struct alignas(64) per_thread {
        delivery_stats stats;
        std::vector<frame_item> scratch;
        std::atomic<std::uint64_t> delivered{0};  // items ever delivered, readable from any thread
    };
    void handle_item(ws_client& c, const frame_item& item, std::int64_t now_us, delivery_stats& stats);

    server_kind kind_;
    std::vector<per_thread> shards_;  // never resized: the atomics stay put
};

}  // namespace veche::bench
