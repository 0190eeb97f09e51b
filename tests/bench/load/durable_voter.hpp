#pragma once
// The voters of the durable scenarios: each participant keeps a window of
// votes in flight (closed loop: a vote is sent when an ack comes back), or,
// paced, sends when a pacer asks, as long as its window has room. Votes switch
// on and off so that every vote changes a row; counted are the acks.

#include "bench_handler.hpp"
#include "durable_scenario.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace veche::bench {

class durable_voter : public bench_handler {
public:
    explicit durable_voter(const durable_options& o);

    std::atomic<std::size_t> asked{0};
    std::atomic<bool> voting{false};      // closed loop: every ack sends the next vote
    std::atomic<std::uint64_t> acked{0};  // votes acknowledged since the start

    // Asks question number `slot` (of o.questions) from that participant.
    void ask(ws_client& c, std::size_t slot);
    // Fills the participant's window (closed loop).
    void start_voting(ws_client& c);
    // Paced: one vote from the participant when its window has room; false when it is full.
    bool vote_if_room(ws_client& c);

protected:
    void on_ack(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) override;
    void on_error(ws_client& c, const frame_item& item, delivery_stats&) override;

private:
    void vote(ws_client& c);

    const durable_options& o_;
    std::vector<std::string> questions_;
    std::vector<std::uint64_t> next_;
    std::vector<std::uint32_t> waiting_;  // votes of each participant without an answer yet
    std::vector<std::int64_t> sent_us_;
};

}  // namespace veche::bench
