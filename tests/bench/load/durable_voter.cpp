#include "durable_voter.hpp"

#include "bench_config.hpp"
#include "wall_clock.hpp"

#include <charconv>

namespace veche::bench {

durable_voter::durable_voter(const durable_options& o)
    : bench_handler(server_kind::veche, o.threads), o_(o), questions_(o.questions), next_(o.participants, 0),
      waiting_(o.participants, 0), sent_us_(o.participants * o.in_flight, 0) {
    session = durable_session;
    subscribes = [](std::size_t) { return false; };  // votes are measured here, not their fan-out
}

void durable_voter::ask(ws_client& c, std::size_t slot) {
    c.send(R"({"type":"ask","rid":"k)" + std::to_string(slot) + R"(","session":"durable","anonymous":true,"text":"Вопрос )" +
           std::to_string(slot) + R"( для голосования"})");
    ++stats_of(c).requests;
}

void durable_voter::start_voting(ws_client& c) {
    for (std::size_t i = 0; i < o_.in_flight; ++i) vote(c);
}

bool durable_voter::vote_if_room(ws_client& c) {
    if (waiting_[c.index()] >= o_.in_flight) return false;
    vote(c);
    return true;
}

void durable_voter::on_ack(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) {
    if (item.rid.starts_with("k")) {
        std::size_t slot = 0;
        std::from_chars(item.rid.data() + 1, item.rid.data() + item.rid.size(), slot);
        questions_.at(slot) = std::string(item.id);
        asked.fetch_add(1, std::memory_order_release);
        return;
    }
    if (item.rid.empty() || item.rid[0] != 'd') return;
    std::uint64_t k = 0;
    std::from_chars(item.rid.data() + 1, item.rid.data() + item.rid.size(), k);
    stats.ack.add(now - sent_us_[c.index() * o_.in_flight + k % o_.in_flight]);
    acked.fetch_add(1, std::memory_order_relaxed);
    if (waiting_[c.index()] > 0) --waiting_[c.index()];
    if (voting) vote(c);
}

void durable_voter::on_error(ws_client& c, const frame_item& item, delivery_stats&) {
    if (item.rid.empty() || item.rid[0] != 'd') return;
    if (waiting_[c.index()] > 0) --waiting_[c.index()];
    if (voting) vote(c);  // keep the window full
}

// Vote k of a participant: question (k + p) mod Q, on in even rounds, off in odd ones, so each changes a row.
void durable_voter::vote(ws_client& c) {
    const auto p = c.index();
    const auto k = next_[p]++;
    const auto q = (k + p) % o_.questions;
    const bool on = (k / o_.questions) % 2 == 0;
    sent_us_[p * o_.in_flight + k % o_.in_flight] = wall_us();
    ++waiting_[p];
    c.send(R"({"type":"vote","rid":"d)" + std::to_string(k) + R"(","question":")" + questions_[q] +
           R"(","on":)" + (on ? "true" : "false") + "}");
    ++stats_of(c).requests;
}

}  // namespace veche::bench
