#include "idle_scenario.hpp"

#include "bench_config.hpp"
#include "bench_handler.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"

#include <iostream>
#include <stdexcept>

namespace veche::bench {
namespace {

// Bytes of server memory per connection: RSS growth while the connections were opened and held.
double run_one(server_kind kind, const idle_options& o, const server_paths& paths, report& r) {
    target_server server(kind, paths);
    const auto ep = server.endpoint();
    client_pool pool(o.threads);
    bench_handler h(kind, o.threads);
    h.session = idle_session;
    std::cerr << "idle " << to_string(kind) << ": " << o.connections << " connections\n";
    if (kind == server_kind::veche) {
        auto joined = join_participants(ep, o.connections);
        if (joined.failures) throw std::runtime_error(std::to_string(joined.failures) + " joins failed");
        h.tokens = std::move(joined.tokens);
    }
    sleep_s(1);  // the joins' HTTP sessions are gone before the baseline
    window w;
    w.label = "held";
    w.subscribers = o.connections;
    begin_window(w, server.pid());
    pool.open(ep, 0, o.connections, h);
    if (!h.wait_ready(o.connections, 300))
        throw std::runtime_error("only " + std::to_string(h.ready) + " connections got ready");
    sleep_s(o.settle_seconds);
    w.audience = h.collect(pool, false);
    w.senders = w.audience.take_sender_part();
    end_window(w, server.pid());
    const auto growth = static_cast<double>(w.server_to.rss_bytes - w.server_from.rss_bytes);
    const double per_connection = growth / static_cast<double>(o.connections);
    r.set_summary(kind, {{"connections", o.connections},
                         {"rss_before_mib", static_cast<double>(w.server_from.rss_bytes) / 1048576.0},
                         {"rss_after_mib", static_cast<double>(w.server_to.rss_bytes) / 1048576.0},
                         {"bytes_per_connection", per_connection},
                         {"kib_per_connection", per_connection / 1024.0},
                         {"connections_ended", h.ended.load()}});
    std::cerr << "  " << per_connection / 1024.0 << " KiB per connection\n";
    if (h.ended) r.note(std::to_string(h.ended) + " connections of " + to_string(kind) + " ended while held");
    r.add_window(kind, std::move(w));
    pool.stop();
    server.stop();
    return per_connection;
}

}  // namespace

void run_idle(const idle_options& o, const server_paths& paths, report& r, bool veche, bool reference) {
    comparison c;
    c.figure = "server memory per idle connection";
    c.unit = "KiB";
    c.higher_is_better = false;
    c.target = "≤ 8 KiB";
    if (veche) {
        c.veche = run_one(server_kind::veche, o, paths, r) / 1024.0;
        c.met = c.veche <= 8.0;
    }
    if (reference) c.reference = run_one(server_kind::reference, o, paths, r) / 1024.0;
    r.add_comparison(c);
}

}  // namespace veche::bench
