#include "durable_scenario.hpp"

#include "bench_config.hpp"
#include "durable_voter.hpp"
#include "metrics_probe.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"
#include "sqlite_reference.hpp"
#include "wall_clock.hpp"

#include <iostream>
#include <stdexcept>

namespace veche::bench {
namespace {

// Votes on until o.acks are acknowledged, then restarts Veche on the same
// data: how long it takes to start, and its memory, with that request log.
void restart_with_request_log(const durable_options& o, durable_voter& h, target_server& server, report& r) {
    h.voting = true;
    std::cerr << "  voting on until " << o.acks << " votes are acknowledged\n";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(30);
    while (h.acked.load(std::memory_order_relaxed) < o.acks && std::chrono::steady_clock::now() < deadline) sleep_s(0.2);
    h.voting = false;
    sleep_s(1);  // the votes in flight are answered
    const auto acked = h.acked.load();
    const auto running = sample_process(server.pid());
    const auto startup_s = server.restart();
    const auto restarted = sample_process(server.pid());
    const auto mib = [](const process_sample& s) { return static_cast<double>(s.rss_bytes) / (1024.0 * 1024.0); };
    std::cerr << "  after " << acked << " acknowledged votes: RSS " << mib(running) << " MiB; restarted in " << startup_s
              << " s, RSS " << mib(restarted) << " MiB\n";
    r.set_summary(server_kind::veche, {{"request_log",
                                        {{"acknowledged", acked},
                                         {"rss_mib_before_restart", mib(running)},
                                         {"startup_seconds", startup_s},
                                         {"rss_mib_after_restart", mib(restarted)}}}});
    r.add_comparison({"start-up after " + std::to_string(acked) + " acknowledged votes", "s", startup_s, std::nullopt,
                      false, "-", std::nullopt});
    r.add_comparison({"memory after that restart", "MiB", mib(restarted), std::nullopt, false, "-", std::nullopt});
}

double run_veche(const durable_options& o, const server_paths& paths, report& r) {
    target_server server(server_kind::veche, paths);
    const auto ep = server.endpoint();
    client_pool pool(o.threads);
    durable_voter h(o);
    std::cerr << "durable writes veche: " << o.participants << " voters, " << o.in_flight << " votes in flight each\n";
    auto joined = join_participants(ep, o.participants);
    if (joined.failures) throw std::runtime_error(std::to_string(joined.failures) + " joins failed");
    h.tokens = std::move(joined.tokens);
    pool.open(ep, 0, o.participants, h);
    if (!h.wait_ready(o.participants, 300)) throw std::runtime_error("only " + std::to_string(h.ready) + " voters got ready");
    for (std::size_t q = 0; q < o.questions; ++q) pool.post_to(q, [&h, q, c = pool.client(q)] { h.ask(*c, q); });
    const auto start = std::chrono::steady_clock::now();
    while (h.asked.load(std::memory_order_acquire) < o.questions && std::chrono::steady_clock::now() - start < std::chrono::seconds(30))
        sleep_s(0.02);
    if (h.asked < o.questions) throw std::runtime_error("the questions were not asked");
    h.voting = true;
    for (std::size_t p = 0; p < o.participants; ++p) pool.post_to(p, [&h, c = pool.client(p)] { h.start_voting(*c); });
    sleep_s(o.warmup_seconds);
    h.collect(pool, true);
    window w;
    w.label = "voting";
    const auto before = fetch_metrics(ep);
    std::cerr << "  measuring the votes\n";  // profile.sh starts perf on this line
    begin_window(w, server.pid());
    sleep_s(o.seconds);
    w.audience = h.collect(pool, true);
    end_window(w, server.pid());
    const auto after = fetch_metrics(ep);
    h.voting = false;
    w.senders = w.audience.take_sender_part();
    const double acks = static_cast<double>(w.senders.acks) / w.seconds;
    std::cerr << "  " << static_cast<std::uint64_t>(acks) << " acknowledged votes/s\n";
    // The group commits of the window, from the server's own counters.
    const auto delta = [&](const std::string& name) {
        const auto a = after.find(name), b = before.find(name);
        return a == after.end() || b == before.end() ? 0.0 : a->second - b->second;
    };
    const double commits = delta("veche_store_transactions_total");
    nlohmann::json store = {{"commits_per_s", commits / w.seconds},
                            {"changes_per_commit", commits > 0 ? delta("veche_store_changes_total") / commits : 0.0},
                            {"mean_commit_ms", commits > 0 ? delta("veche_store_commit_seconds_sum") * 1000 / commits : 0.0}};
    std::cerr << "  store: " << store.dump() << "\n";
    r.set_summary(server_kind::veche,
                  {{"acked_votes_per_s", acks}, {"voters", o.participants}, {"in_flight", o.in_flight}, {"store", store}});
    r.add_window(server_kind::veche, std::move(w));
    if (o.acks > 0) restart_with_request_log(o, h, server, r);
    sleep_s(0.5);  // the votes still in flight are answered before the server goes
    pool.stop();
    server.stop();
    return acks;
}

}  // namespace

void run_durable(const durable_options& o, const server_paths& paths, report& r, bool veche, bool reference) {
    comparison c;
    c.figure = "acknowledged durable votes/s";
    c.unit = "votes/s";
    c.target = "≥ 50,000/s";
    if (veche) {
        c.veche = run_veche(o, paths, r);
        c.met = c.veche >= 50'000;
    }
    if (reference) {
        std::cerr << "durable writes reference: one SQLite transaction per vote\n";
        const auto ref = run_sqlite_reference(o.reference_seconds);
        c.reference = ref.votes_per_s;
        r.set_summary(server_kind::reference,
                      {{"what", "one SQLite transaction per vote (WAL, synchronous=FULL), no network"},
                       {"votes_per_s", ref.votes_per_s},
                       {"votes", ref.votes},
                       {"seconds", ref.seconds}});
        r.note("durable writes: the reference is one SQLite transaction per vote (the ws server stores nothing)");
    }
    r.add_comparison(c);
}

}  // namespace veche::bench
