#include "bench_handler.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

namespace veche::bench {

bench_handler::bench_handler(server_kind kind, std::size_t shards) : kind_(kind), shards_(shards) {}

void bench_handler::on_open(ws_client& c) {
    if (kind_ == server_kind::reference) {
        ++ready;
        return on_ready(c);
    }
    c.send(nlohmann::json{{"type", "hello"}, {"token", tokens.at(c.index())}}.dump());
}

void bench_handler::on_frame(ws_client& c, std::string_view text, std::int64_t now_us) {
    auto& sh = shards_[c.shard()];
    if (!scan_frame(text, sh.scratch)) {
        ++sh.stats.bad_frames;
        return;
    }
    std::size_t events = 0;
    for (const auto& item : sh.scratch) {
        if (item.type == "event") ++events;
        handle_item(c, item, now_us, sh.stats);
    }
    if (events > 0) {
        sh.delivered.fetch_add(events, std::memory_order_relaxed);
        ++sh.stats.frames;
        sh.stats.bytes += text.size();
    }
}

void bench_handler::handle_item(ws_client& c, const frame_item& item, std::int64_t now_us, delivery_stats& stats) {
    if (item.type == "event") {
        ++stats.items;
        return on_event(c, item, now_us, stats);
    }
    if (item.type == "ack") {
        ++stats.acks;
        return on_ack(c, item, now_us, stats);
    }
    if (item.type == "error") {
        ++stats.errors[std::string(item.code)];
        return on_error(c, item, stats);
    }
    if (item.type == "welcome") {
        if (subscribes(c.index()))
            return c.send(nlohmann::json{{"type", "subscribe"}, {"session", session}}.dump());
        ++ready;
        return on_ready(c);
    }
    if (item.type == "subscribed") {
        ++ready;
        return on_ready(c);
    }
}

void bench_handler::on_close(ws_client& c, std::uint16_t code, std::string_view) {
    ++ended;
    ++shards_[c.shard()].stats.closes[code];
}

delivery_stats bench_handler::collect(client_pool& pool, bool reset) {
    std::vector<delivery_stats> parts(pool.threads());
    pool.on_each_shard([&](std::size_t shard) {
        parts[shard] = shards_[shard].stats;
        if (reset) shards_[shard].stats = delivery_stats{};
    });
    delivery_stats all;
    for (const auto& p : parts) all.merge(p);
    return all;
}

std::uint64_t bench_handler::delivered_total() const {
    std::uint64_t n = 0;
    for (const auto& sh : shards_) n += sh.delivered.load(std::memory_order_relaxed);
    return n;
}

bool bench_handler::wait_ready(std::size_t n, double timeout_s) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (std::chrono::steady_clock::now() < deadline) {
        if (ready >= n) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return ready >= n;
}

}  // namespace veche::bench
