#include "vote_tracker.hpp"

#include <algorithm>

namespace veche::bench {
namespace {

// Beyond this many deliveries waiting for their ack the generator stops keeping them (memory);
// they still count for "everyone saw it".
constexpr std::size_t unresolved_limit = 8'000'000;

}  // namespace

vote_tracker::vote_tracker(std::size_t questions, std::size_t max_votes_per_question, std::size_t shards)
    : questions_(questions),
      stride_(max_votes_per_question + 1),
      ack_us_(questions * stride_),
      send_us_(questions * stride_),
      shards_(shards) {
    for (auto& s : shards_) {
        s.last_seen.assign(questions * stride_, 0);
        s.seen_by.assign(questions * stride_, 0);
    }
}

void vote_tracker::set_origin(std::size_t q, std::int64_t v, std::int64_t ack_us, std::int64_t send_us) {
    if (q >= questions_ || v <= 0 || static_cast<std::size_t>(v) >= stride_) return;
    send_us_[index(q, v)].store(send_us, std::memory_order_relaxed);
    ack_us_[index(q, v)].store(ack_us, std::memory_order_release);
}

void vote_tracker::seen(std::size_t shard, std::size_t q, std::int64_t known, std::int64_t now_total, std::int64_t now,
                        bool sampled) {
    if (q >= questions_) return;
    auto& s = shards_[shard];
    const auto top = std::min<std::int64_t>(now_total, static_cast<std::int64_t>(stride_) - 1);
    for (auto v = std::max<std::int64_t>(known, 0) + 1; v <= top; ++v) {
        const auto i = index(q, v);
        s.last_seen[i] = std::max(s.last_seen[i], now);
        ++s.seen_by[i];
        if (!sampled) continue;
        const auto send = send_us_[i].load(std::memory_order_relaxed);
        const auto ack = ack_us_[i].load(std::memory_order_acquire);
        if (send > 0 || ack > 0) {
            if (ack > 0) s.from_ack.add(now - ack);
            s.from_send.add(now - send);
        } else if (s.unresolved.size() < unresolved_limit) {
            s.unresolved.push_back({static_cast<std::uint32_t>(i), now});
        }
    }
}

vote_tracker::result vote_tracker::finish(std::size_t expected, std::int64_t end_us) const {
    result r;
    for (const auto& s : shards_) {
        r.delivery_from_ack.merge(s.from_ack);
        r.delivery_from_send.merge(s.from_send);
        for (const auto& u : s.unresolved) {
            if (const auto ack = ack_us_[u.index].load(); ack > 0) r.delivery_from_ack.add(u.at - ack);
            if (const auto send = send_us_[u.index].load(); send > 0) r.delivery_from_send.add(u.at - send);
        }
    }
    for (std::size_t i = 0; i < ack_us_.size(); ++i) {
        const auto ack = ack_us_[i].load();
        const auto send = send_us_[i].load();
        if (ack <= 0 && send <= 0) continue;
        ++r.votes;
        std::int64_t last = 0;
        std::uint64_t seen_by = 0;
        for (const auto& s : shards_) {
            last = std::max(last, s.last_seen[i]);
            seen_by += s.seen_by[i];
        }
        if (seen_by < expected) {
            // Not everyone had it when the run ended: it took at least until then.
            ++r.incomplete;
            last = end_us;
        }
        if (ack > 0) r.everyone_from_ack.add(last - ack);
        if (send > 0) r.everyone_from_send.add(last - send);
    }
    return r;
}

}  // namespace veche::bench
