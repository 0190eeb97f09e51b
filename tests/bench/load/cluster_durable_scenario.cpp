#include "cluster_durable_scenario.hpp"

#include "bench_config.hpp"
#include "cluster_cpu.hpp"
#include "durable_voter.hpp"
#include "pacer.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"
#include "veche_cluster.hpp"

#include <iostream>
#include <memory>
#include <stdexcept>

namespace veche::bench {
namespace {

// Voter i talks to node (i * nodes / participants): contiguous, even thirds.
std::size_t first_of(std::size_t node, std::size_t participants, std::size_t nodes) {
    return node * participants / nodes;
}

// Sends the paced votes of one generator thread: round robin over its voters,
// skipping those whose window is full (counted as skipped, not as sent).
class shard_voter {
public:
    shard_voter(durable_voter& h, client_pool& pool, std::size_t shard) : h_(h), pool_(pool) {
        for (std::size_t i = shard; i < pool.size(); i += pool.threads()) clients_.push_back(i);
    }
    bool send() {
        for (std::size_t tries = 0; tries < clients_.size(); ++tries) {
            const auto c = pool_.client(clients_[next_++ % clients_.size()]);
            if (c && c->is_open() && h_.vote_if_room(*c)) return true;
        }
        ++skipped;
        return true;
    }
    std::uint64_t skipped = 0;  // read after the pacer stopped

private:
    durable_voter& h_;
    client_pool& pool_;
    std::vector<std::size_t> clients_;
    std::size_t next_ = 0;
};

}  // namespace

void run_cluster_durable(const cluster_durable_options& co, const server_paths& paths, report& r) {
    const auto& o = co.votes;
    if (o.questions > o.participants) throw std::invalid_argument("--questions must not exceed --participants");
    veche_cluster cluster(paths, co.nodes);
    cluster_cpu cpu(cluster);
    client_pool pool(o.threads);
    durable_voter h(o);
    std::cerr << "cluster durable: " << co.nodes << " nodes, " << o.participants << " voters, " << o.in_flight
              << " votes in flight each\n";
    h.tokens.resize(o.participants);
    for (std::size_t n = 0; n < co.nodes; ++n) {
        const auto first = first_of(n, o.participants, co.nodes), end = first_of(n + 1, o.participants, co.nodes);
        auto joined = join_participants(cluster.endpoint(n), end - first);
        if (joined.failures) throw std::runtime_error(std::to_string(joined.failures) + " joins failed");
        std::move(joined.tokens.begin(), joined.tokens.end(), h.tokens.begin() + static_cast<std::ptrdiff_t>(first));
    }
    for (std::size_t n = 0; n < co.nodes; ++n) {
        const auto first = first_of(n, o.participants, co.nodes), end = first_of(n + 1, o.participants, co.nodes);
        pool.open(cluster.endpoint(n), first, end - first, h);
    }
    if (!h.wait_ready(o.participants, 300)) throw std::runtime_error("only " + std::to_string(h.ready) + " voters got ready");
    // The questions are asked through every node too: by voters spread over the range.
    const auto step = o.participants / o.questions;
    for (std::size_t q = 0; q < o.questions; ++q) pool.post_to(q * step, [&h, q, c = pool.client(q * step)] { h.ask(*c, q); });
    const auto start = std::chrono::steady_clock::now();
    while (h.asked.load(std::memory_order_acquire) < o.questions && std::chrono::steady_clock::now() - start < std::chrono::seconds(60))
        sleep_s(0.02);
    if (h.asked < o.questions) throw std::runtime_error("the questions were not asked");
    const auto owner = cluster.owner(durable_session);
    std::cerr << "  the session's owner: " << (owner ? veche_cluster::node_id(*owner) : std::string("unknown")) << "\n";
    const pid_t probe = cluster.pid(owner.value_or(0));

    // One measured window: the probe's figures, the voters' and every process's CPU.
    const auto measure = [&](window& w) {
        begin_window(w, probe);
        cpu.begin();
        sleep_s(o.seconds);
        w.audience = h.collect(pool, true);
        end_window(w, probe);
        return cpu.end();
    };

    // 1. As fast as the acks come back.
    h.voting = true;
    for (std::size_t p = 0; p < o.participants; ++p) pool.post_to(p, [&h, c = pool.client(p)] { h.start_voting(*c); });
    sleep_s(o.warmup_seconds);
    h.collect(pool, true);
    window peak;
    peak.label = "closed loop, " + std::to_string(o.in_flight) + " in flight per voter";
    std::cerr << "  measuring the peak\n";
    const auto peak_cpu = measure(peak);
    h.voting = false;
    peak.senders = peak.audience.take_sender_part();
    const double peak_acks = static_cast<double>(peak.senders.acks) / peak.seconds;
    const double peak_p99_ms = static_cast<double>(peak.senders.ack.percentile(0.99)) / 1000;
    std::cerr << "  " << static_cast<std::uint64_t>(peak_acks) << " acknowledged votes/s, ack p99 " << peak_p99_ms
              << " ms; cores " << peak_cpu.dump() << "\n";
    if (peak.senders.error_count() > 0 || peak.senders.acks == 0)
        std::cerr << "  errors or no acks in the peak window; the nodes said:\n" << cluster.tails();
    r.add_window(server_kind::veche, std::move(peak));
    sleep_s(2);  // the windows in flight are answered

    // 2. Paced at a share of that peak.
    const double rate = peak_acks * co.paced_share;
    std::vector<std::shared_ptr<shard_voter>> senders;
    std::vector<std::shared_ptr<pacer>> pacers;
    for (std::size_t s = 0; s < pool.threads(); ++s) {
        senders.push_back(std::make_shared<shard_voter>(h, pool, s));
        pacers.push_back(std::make_shared<pacer>(pool.context(s), [v = senders.back()] { return v->send(); }));
    }
    for (auto& p : pacers) p->set_rate(rate / static_cast<double>(pool.threads()));
    sleep_s(o.warmup_seconds);
    h.collect(pool, true);
    window paced;
    paced.label = "paced at " + std::to_string(static_cast<int>(rate)) + " votes/s";
    std::uint64_t sent_before = 0;
    for (auto& p : pacers) sent_before += p->sent();
    std::cerr << "  measuring " << paced.label << "\n";
    const auto paced_cpu = measure(paced);
    std::uint64_t sent_after = 0;
    for (auto& p : pacers) sent_after += p->sent();
    for (auto& p : pacers) p->stop();
    sleep_s(1);
    std::vector<std::uint64_t> skipped_by_shard(pool.threads(), 0);
    pool.on_each_shard([&](std::size_t s) { skipped_by_shard[s] = senders[s]->skipped; });  // read on its own thread
    std::uint64_t skipped = 0;
    for (const auto n : skipped_by_shard) skipped += n;
    paced.senders = paced.audience.take_sender_part();
    paced.offered_per_s = static_cast<double>(sent_after - sent_before) / paced.seconds;
    const double paced_acks = static_cast<double>(paced.senders.acks) / paced.seconds;
    const double paced_p99_ms = static_cast<double>(paced.senders.ack.percentile(0.99)) / 1000;
    const double paced_p50_ms = static_cast<double>(paced.senders.ack.percentile(0.5)) / 1000;
    std::cerr << "  paced: " << static_cast<std::uint64_t>(paced_acks) << " acknowledged votes/s, ack p50 " << paced_p50_ms
              << " ms, p99 " << paced_p99_ms << " ms (" << skipped << " sends skipped on full windows); cores "
              << paced_cpu.dump() << "\n";
    if (paced.senders.error_count() > 0 || paced.senders.acks == 0)
        std::cerr << "  errors or no acks while paced; the nodes said:\n" << cluster.tails();
    r.add_window(server_kind::veche, std::move(paced));

    r.set_summary(server_kind::veche,
                  {{"nodes", co.nodes},
                   {"replicas", 1},
                   {"owner", owner ? veche_cluster::node_id(*owner) : std::string()},
                   {"voters", o.participants},
                   {"in_flight", o.in_flight},
                   {"peak_acked_votes_per_s", peak_acks},
                   {"peak_ack_p99_ms", peak_p99_ms},
                   {"peak_cores", peak_cpu},
                   {"paced_rate_per_s", rate},
                   {"paced_acked_votes_per_s", paced_acks},
                   {"paced_ack_p50_ms", paced_p50_ms},
                   {"paced_ack_p99_ms", paced_p99_ms},
                   {"paced_skipped_on_full_window", skipped},
                   {"paced_cores", paced_cpu}});
    r.note("the windows' server CPU is the owner node's; every node's and nats-server's cores are in the summary");
    comparison c;
    c.figure = "acknowledged votes/s through " + std::to_string(co.nodes) + " nodes";
    c.unit = "votes/s";
    c.veche = peak_acks;
    c.target = "≥ 20,000/s";
    c.met = peak_acks >= 20'000;
    r.add_comparison(c);
    comparison l;
    l.figure = "ack p99 at half the peak";
    l.unit = "ms";
    l.veche = paced_p99_ms;
    l.higher_is_better = false;
    l.target = "≤ 50 ms";
    l.met = paced_acks > 0 && paced_p99_ms <= 50;  // no acks: nothing met
    r.add_comparison(l);
    pool.stop();
    cluster.stop();
}

}  // namespace veche::bench
