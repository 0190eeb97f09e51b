// veche_load: the load generator of docs/benchmarks.md. It starts the server
// under test itself (build/veche, then the ws reference), drives one scenario
// against each back to back, and prints a table and JSON. Usage:
//
//   veche_load SCENARIO [options]
//     SCENARIO: fanout | storm | idle | durable | similar | smoke | cluster-durable | cluster-fanout
//     --only veche|reference      run one side (default: both; smoke: veche)
//     --veche PATH                the veche executable (default: the one built beside this)
//     --node PATH                 node (default: node on PATH)
//     --reference-script PATH     the ws broadcast server (default: tests/bench/load/reference/…)
//     --threads N                 generator threads reading the subscribers (default 2)
//     --server-cpus LIST          run the server under test on these CPUs only (taskset -c LIST)
//     --json PATH                 write the JSON there (default: print it after the table)
//   fanout:  --subscribers N (5000) --rates 10,20,… --step-seconds S (4)
//   storm:   --participants N (5000) --questions N (50) --votes-each N (5) --storm-seconds S (5)
//            --drain-seconds S (30) --reference-backlog N (3000000)
//   idle:    --connections N (15000) --settle-seconds S (5)
//   durable: --participants N (1000) --questions N (100) --in-flight N (32) --seconds S (10)
//            --acks N (then vote on to N acks in all, restart Veche: start-up time and memory)
//   similar: --voters N (1000) --typists N (20) --questions N (5000) --votes-per-s R (1000)
//            --similar-per-s R (40) --seconds S (20)   (Veche only)
//   smoke:   --participants N (300) [--only both]
//   cluster-durable: --nodes N (3) on nats-server -js (on PATH), the durable options (--participants: 300;
//            --seconds: each window),
//            then paced at --paced-share (0.5) of the peak: ack latency   (Veche only)
//   cluster-fanout: --subscribers N (9000, in all) --rates … (10,…,640) --step-seconds S (4):
//            3 nodes with N/3 each, then 1 node with N, the nodes at --node-nice N (10)   (Veche only)
//
// Exit codes: 0 done (smoke: every check held), 1 a smoke check failed, 2 bad usage or a run that broke.
#include "cluster_durable_scenario.hpp"
#include "cluster_fanout_scenario.hpp"
#include "durable_scenario.hpp"
#include "fanout_scenario.hpp"
#include "idle_scenario.hpp"
#include "similar_scenario.hpp"
#include "smoke_scenario.hpp"
#include "vote_storm_scenario.hpp"

#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace veche::bench;

namespace {

struct arguments {
    std::string scenario;
    std::map<std::string, std::string> options;

    bool has(const std::string& k) const { return options.count(k) > 0; }
    std::string text(const std::string& k, const std::string& fallback) const {
        const auto it = options.find(k);
        return it == options.end() ? fallback : it->second;
    }
    double number(const std::string& k, double fallback) const {
        return has(k) ? std::stod(options.at(k)) : fallback;
    }
    std::size_t count(const std::string& k, std::size_t fallback) const {
        return has(k) ? static_cast<std::size_t>(std::stoull(options.at(k))) : fallback;
    }
};

arguments parse(int argc, char** argv) {
    if (argc < 2) throw std::invalid_argument("no scenario");
    arguments a;
    a.scenario = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string key = argv[i];
        if (!key.starts_with("--") || i + 1 >= argc) throw std::invalid_argument("bad option " + key);
        a.options[key.substr(2)] = argv[++i];
    }
    return a;
}

std::vector<double> numbers(const std::string& list) {
    std::vector<double> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stod(item));
    return out;
}

std::string command_line(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) {
        if (i) out.push_back(' ');
        out.append(argv[i]);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    // A server that goes away mid-write must not end the generator.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        const auto a = parse(argc, argv);
        server_paths paths;
        paths.veche = a.text("veche", VECHE_BIN);
        paths.node = a.text("node", "node");
        paths.reference_script = a.text("reference-script", VECHE_REFERENCE_SCRIPT);
        paths.cpus = a.text("server-cpus", "");
        const auto only = a.text("only", a.scenario == "smoke" || a.scenario == "similar" || a.scenario.starts_with("cluster-") ? "veche" : "both");
        if (only != "both" && only != "veche" && only != "reference") throw std::invalid_argument("--only veche|reference|both");
        const bool veche = only != "reference";
        const bool reference = only != "veche";
        const auto threads = a.count("threads", 2);
        report r(a.scenario, command_line(argc, argv));

        if (a.scenario == "fanout") {
            fanout_options o;
            o.subscribers = a.count("subscribers", o.subscribers);
            if (a.has("rates")) o.rates = numbers(a.text("rates", ""));
            o.step_seconds = a.number("step-seconds", o.step_seconds);
            o.threads = threads;
            run_fanout(o, paths, r, veche, reference);
        } else if (a.scenario == "storm") {
            storm_options o;
            o.participants = a.count("participants", o.participants);
            o.questions = a.count("questions", o.questions);
            o.votes_each = a.count("votes-each", o.votes_each);
            o.storm_seconds = a.number("storm-seconds", o.storm_seconds);
            o.drain_seconds = a.number("drain-seconds", o.drain_seconds);
            o.reference_backlog = a.count("reference-backlog", o.reference_backlog);
            o.threads = threads;
            run_vote_storm(o, paths, r, veche, reference);
        } else if (a.scenario == "idle") {
            idle_options o;
            o.connections = a.count("connections", o.connections);
            o.settle_seconds = a.number("settle-seconds", o.settle_seconds);
            o.threads = threads;
            run_idle(o, paths, r, veche, reference);
        } else if (a.scenario == "durable") {
            durable_options o;
            o.participants = a.count("participants", o.participants);
            o.questions = a.count("questions", o.questions);
            o.in_flight = a.count("in-flight", o.in_flight);
            o.seconds = a.number("seconds", o.seconds);
            o.acks = a.count("acks", 0);
            o.threads = threads;
            run_durable(o, paths, r, veche, reference);
        } else if (a.scenario == "similar") {
            similar_options o;
            o.voters = a.count("voters", o.voters);
            o.typists = a.count("typists", o.typists);
            o.questions = a.count("questions", o.questions);
            o.votes_per_s = a.number("votes-per-s", o.votes_per_s);
            o.similar_per_s = a.number("similar-per-s", o.similar_per_s);
            o.seconds = a.number("seconds", o.seconds);
            o.threads = threads;
            if (!veche) throw std::invalid_argument("similar runs against Veche only");
            run_similar(o, paths, r);
        } else if (a.scenario == "smoke") {
            smoke_options o;
            o.participants = a.count("participants", o.participants);
            o.threads = threads;
            run_smoke(o, paths, r, veche, reference);
        } else if (a.scenario == "cluster-durable") {
            if (!veche) throw std::invalid_argument("cluster-durable runs against Veche only");
            cluster_durable_options o;
            // 300 × 32 in flight: with 1,000 × 32 the cluster stalls (no ack, idle nodes; docs/benchmarks.md).
            o.votes.participants = a.count("participants", 300);
            o.votes.questions = a.count("questions", o.votes.questions);
            o.votes.in_flight = a.count("in-flight", o.votes.in_flight);
            o.votes.seconds = a.number("seconds", o.votes.seconds);
            o.votes.threads = threads;
            o.paced_share = a.number("paced-share", o.paced_share);
            o.nodes = a.count("nodes", o.nodes);
            run_cluster_durable(o, paths, r);
        } else if (a.scenario == "cluster-fanout") {
            if (!veche) throw std::invalid_argument("cluster-fanout runs against Veche only");
            cluster_fanout_options o;
            o.fanout.subscribers = a.count("subscribers", 9000);
            o.fanout.rates = {10, 20, 40, 80, 160, 320, 640};
            if (a.has("rates")) o.fanout.rates = numbers(a.text("rates", ""));
            o.fanout.step_seconds = a.number("step-seconds", o.fanout.step_seconds);
            o.fanout.threads = threads;
            o.node_nice = static_cast<int>(a.number("node-nice", o.node_nice));
            if (o.node_nice < 0 || o.node_nice > 19) throw std::invalid_argument("--node-nice must be 0 to 19");
            run_cluster_fanout(o, paths, r);
        } else {
            throw std::invalid_argument("unknown scenario " + a.scenario);
        }

        std::cout << r.to_table() << std::flush;
        const auto json = r.to_json().dump(2);
        if (a.has("json")) std::ofstream(a.text("json", "")) << json << "\n";
        else std::cout << "\n" << json << "\n";
        return r.failed() ? 1 : 0;
    } catch (const std::invalid_argument& e) {
        std::cerr << "veche_load: " << e.what() << "\nusage: veche_load fanout|storm|idle|durable|similar|smoke|cluster-durable|cluster-fanout [--option value]…\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "veche_load: " << e.what() << "\n";
        return 2;
    }
}
