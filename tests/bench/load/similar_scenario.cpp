#include "similar_scenario.hpp"

#include "bench_config.hpp"
#include "bench_handler.hpp"
#include "metrics_probe.hpp"
#include "pacer.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"
#include "wall_clock.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

namespace veche::bench {
namespace {

// Forum-like questions: the words of the similar-question test set
// (tests/unit/text/question_pairs.json), 4 to 14 at a time, so that they
// share words the way a session's questions do.
class question_maker {
public:
    explicit question_maker(unsigned seed) : rng_(seed) {
        std::ifstream in(std::string(VECHE_SOURCE_DIR) + "/tests/unit/text/question_pairs.json");
        const auto data = nlohmann::json::parse(in);
        for (const auto& [kind, pairs] : data.items())
            if (pairs.is_array())
                for (const auto& p : pairs)
                    for (const auto& text : p) split(text.get<std::string>());
        if (words_.empty()) throw std::runtime_error("no words in question_pairs.json");
    }
    std::string next() {
        std::uniform_int_distribution<std::size_t> pick(0, words_.size() - 1);
        std::string q;
        for (int i = std::uniform_int_distribution<int>(4, 14)(rng_); i > 0; --i) q += words_[pick(rng_)] + (i > 1 ? " " : "?");
        return q;
    }

private:
    void split(const std::string& text) {
        std::string word;
        for (const char c : text + " ") {
            const bool separator = c == ' ' || c == ',' || c == '.' || c == '?' || c == '!' || c == ':' || c == '"';
            if (!separator) word.push_back(c);
            else if (!word.empty()) words_.push_back(std::exchange(word, {}));
        }
    }
    std::mt19937 rng_;
    std::vector<std::string> words_;
};

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

class similar_handler : public bench_handler {
public:
    similar_handler(const similar_options& o)
        : bench_handler(server_kind::veche, o.threads), o_(o), asked_by_(o.askers, 0), per_shard_(o.threads) {
        session = similar_session;
        subscribes = [&o](std::size_t i) { return i < o.voters; };
        for (std::size_t s = 0; s < o.threads; ++s) per_shard_[s].maker = std::make_unique<question_maker>(o.seed + static_cast<unsigned>(s));
    }

    std::atomic<std::size_t> asked{0};
    std::vector<std::string> question_ids;  // filled while asking, read once all are asked

    // Asker a asks its next question, until the session holds o.questions.
    void ask_next(ws_client& c) {
        const auto a = c.index();
        if (a >= o_.askers || asked_by_[a] * o_.askers + a >= o_.questions) return;
        auto& sh = per_shard_[c.shard()];
        sh.ask_sent_us[a] = wall_us();
        c.send(R"({"type":"ask","rid":"k)" + std::to_string(asked_by_[a]++) + R"(","session":")" + similar_session +
               R"(","anonymous":false,"text":)" + quoted(sh.maker->next()) + "}");
    }
    // A vote of voter v: its own walk over five questions, on then off, so that every vote changes a total.
    bool vote(client_pool& pool, std::size_t shard) {
        auto& sh = per_shard_[shard];
        const auto v = sh.next_voter;
        sh.next_voter += o_.threads;
        if (sh.next_voter >= o_.voters) sh.next_voter = shard;
        auto& k = sh.vote_step[v];
        const auto q = question_ids[(v * 7919 + (k % 5) * 104729) % question_ids.size()];
        const bool on = (k / 5) % 2 == 0;
        ++k;
        sh.vote_sent_us[v] = wall_us();
        pool.client(v)->send(R"({"type":"vote","rid":"v)" + std::to_string(k) + R"(","question":")" + q +
                             R"(","on":)" + (on ? "true" : "false") + "}");
        return true;
    }
    // A `similar` request from the shard's next typist.
    bool similar(client_pool& pool, std::size_t shard) {
        auto& sh = per_shard_[shard];
        auto t = sh.next_typist;
        sh.next_typist += o_.threads;
        if (sh.next_typist >= o_.voters + o_.typists) sh.next_typist = first_typist(shard);
        const auto n = sh.similar_sent++;
        sh.similar_sent_us[n % ring] = wall_us();
        pool.client(t)->send(R"({"type":"similar","rid":"s)" + std::to_string(n) + R"(","session":")" +
                             similar_session + R"(","text":)" + quoted(sh.maker->next()) + "}");
        return true;
    }
    void start_typing(std::size_t shard) { per_shard_[shard].next_typist = first_typist(shard); }

    // Every shard's similar and ask latencies (and clears them): on the pool's threads.
    std::pair<latency_histogram, latency_histogram> take_latencies(client_pool& pool) {
        std::pair<latency_histogram, latency_histogram> out;
        std::mutex m;
        pool.on_each_shard([&](std::size_t s) {
            std::lock_guard lock(m);
            out.first.merge(per_shard_[s].similar_us);
            out.second.merge(per_shard_[s].ask_us);
            per_shard_[s].similar_us.clear();
            per_shard_[s].ask_us.clear();
        });
        return out;
    }

protected:
    void on_ack(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) override {
        auto& sh = per_shard_[c.shard()];
        if (item.rid.starts_with("v")) {
            // The same queue, for comparison: a vote's ack in the same window.
            stats.ack.add(now - sh.vote_sent_us[c.index()]);
        } else if (item.rid.starts_with("s")) {
            std::uint64_t n = 0;
            std::from_chars(item.rid.data() + 1, item.rid.data() + item.rid.size(), n);
            sh.similar_us.add(now - sh.similar_sent_us[n % ring]);
        } else if (item.rid.starts_with("k")) {
            sh.ask_us.add(now - sh.ask_sent_us[c.index()]);
            {
                std::lock_guard lock(ids_mutex_);
                question_ids.emplace_back(item.id);
            }
            asked.fetch_add(1, std::memory_order_release);
            ask_next(c);
        }
    }

private:
    // Requests in flight are far fewer than this: a request's slot is free again long before it comes round.
    static constexpr std::size_t ring = 1 << 16;
    std::size_t first_typist(std::size_t shard) const {
        auto t = o_.voters;
        while (t % o_.threads != shard) ++t;
        return t;
    }
    struct alignas(64) shard_state {
        std::unique_ptr<question_maker> maker;
        std::size_t next_voter = 0, next_typist = 0;
        std::uint64_t similar_sent = 0;
        std::vector<std::int64_t> similar_sent_us = std::vector<std::int64_t>(ring, 0);
        std::map<std::size_t, std::int64_t> ask_sent_us;
        std::map<std::size_t, std::uint64_t> vote_step;
        std::map<std::size_t, std::int64_t> vote_sent_us;  // a voter's last vote (one a second: its ack came long before)
        latency_histogram similar_us, ask_us;
    };
    const similar_options& o_;
    std::vector<std::size_t> asked_by_;
    std::vector<shard_state> per_shard_;
    std::mutex ids_mutex_;
};

// The share of the server's similar requests that took at most `seconds`, from its histogram's buckets.
double server_share_within(const std::map<std::string, double>& before, const std::map<std::string, double>& after,
                           const std::string& le) {
    const auto delta = [&](const std::string& name) {
        const auto a = after.find(name), b = before.find(name);
        return (a == after.end() ? 0.0 : a->second) - (b == before.end() ? 0.0 : b->second);
    };
    const auto all = delta("veche_similar_seconds_count");
    return all > 0 ? delta("veche_similar_seconds_bucket{le=\"" + le + "\"}") / all : 0.0;
}

}  // namespace

void run_similar(const similar_options& o, const server_paths& paths, report& r) {
    if (o.voters < o.threads || o.typists < o.threads || o.askers == 0 || o.askers > o.voters || o.questions == 0)
        throw std::invalid_argument("similar: voters and typists (at least one per thread), askers (≤ voters) and "
                                    "questions must be positive");
    target_server server(server_kind::veche, paths);
    const auto ep = server.endpoint();
    client_pool pool(o.threads);
    similar_handler h(o);
    const auto people = o.voters + o.typists;
    std::cerr << "similar veche: " << o.questions << " questions, " << o.voters << " voters, " << o.typists
              << " typing\n";
    auto joined = join_participants(ep, people);
    if (joined.failures) throw std::runtime_error(std::to_string(joined.failures) + " joins failed");
    h.tokens = std::move(joined.tokens);
    pool.open(ep, 0, people, h);
    if (!h.wait_ready(people, 300)) throw std::runtime_error("only " + std::to_string(h.ready) + " clients got ready");

    std::cerr << "  asking " << o.questions << " questions\n";
    const auto ask_start = std::chrono::steady_clock::now();
    for (std::size_t a = 0; a < o.askers; ++a) pool.post_to(a, [&h, c = pool.client(a)] { h.ask_next(*c); });
    while (h.asked.load(std::memory_order_acquire) < o.questions &&
           std::chrono::steady_clock::now() - ask_start < std::chrono::minutes(5))
        sleep_s(0.05);
    if (h.asked < o.questions) throw std::runtime_error("only " + std::to_string(h.asked) + " questions were asked");
    const auto ask_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - ask_start).count();
    const auto asks = h.take_latencies(pool).second;
    const auto ms = [](std::int64_t us) { return static_cast<double>(us) / 1000.0; };
    std::cerr << "  asked in " << ask_s << " s; ask p50 " << ms(asks.percentile(0.5)) << " ms, p99 "
              << ms(asks.percentile(0.99)) << " ms\n";

    std::vector<std::shared_ptr<pacer>> voting, typing;
    for (std::size_t s = 0; s < o.threads; ++s) {
        h.start_typing(s);
        voting.push_back(std::make_shared<pacer>(pool.context(s), [&h, &pool, s] { return h.vote(pool, s); }));
        typing.push_back(std::make_shared<pacer>(pool.context(s), [&h, &pool, s] { return h.similar(pool, s); }));
    }
    for (auto& p : voting) p->set_rate(o.votes_per_s / static_cast<double>(o.threads));
    for (auto& p : typing) p->set_rate(o.similar_per_s / static_cast<double>(o.threads));
    sleep_s(o.warmup_seconds);
    h.collect(pool, true);
    h.take_latencies(pool);

    window w;
    w.label = "similar while voting";
    w.subscribers = o.voters;
    const auto before = fetch_metrics(ep);
    std::cerr << "  measuring\n";  // profile.sh starts perf on this line
    begin_window(w, server.pid());
    sleep_s(o.seconds);
    w.audience = h.collect(pool, true);
    const auto similar = h.take_latencies(pool).first;
    end_window(w, server.pid());
    const auto after = fetch_metrics(ep);
    for (auto& p : voting) p->stop();
    for (auto& p : typing) p->stop();
    w.senders = w.audience.take_sender_part();

    const auto delta = [&](const std::string& name) {
        const auto a = after.find(name), b = before.find(name);
        return (a == after.end() ? 0.0 : a->second) - (b == before.end() ? 0.0 : b->second);
    };
    const auto server_requests = delta("veche_similar_seconds_count");
    nlohmann::json summary = {
        {"questions", o.questions},
        {"voters", o.voters},
        {"typists", o.typists},
        {"asked_in_s", ask_s},
        {"ask_ms", {{"p50", ms(asks.percentile(0.5))}, {"p99", ms(asks.percentile(0.99))}, {"max", ms(asks.max())}}},
        {"similar_answered", similar.count()},
        {"similar_per_s", static_cast<double>(similar.count()) / w.seconds},
        {"similar_ms",
         {{"p50", ms(similar.percentile(0.5))}, {"p99", ms(similar.percentile(0.99))}, {"max", ms(similar.max())}}},
        {"votes_acked_per_s", static_cast<double>(w.senders.acks - similar.count()) / w.seconds},
        {"vote_ack_ms",
         {{"p50", ms(w.senders.ack.percentile(0.5))}, {"p99", ms(w.senders.ack.percentile(0.99))}, {"max", ms(w.senders.ack.max())}}},
        {"server_similar_mean_ms", server_requests > 0 ? delta("veche_similar_seconds_sum") * 1000 / server_requests : 0.0},
        {"server_similar_within_5ms", server_share_within(before, after, "0.005")},
        {"server_similar_within_20ms", server_share_within(before, after, "0.02")},
    };
    std::cerr << "  " << summary.dump() << "\n";
    r.set_summary(server_kind::veche, summary);
    r.add_window(server_kind::veche, std::move(w));
    r.add_comparison({"similar p99, " + std::to_string(o.questions) + " questions, " + std::to_string(o.voters) +
                          " voting",
                      "ms", ms(similar.percentile(0.99)), std::nullopt, false, "≤ 50 ms",
                      similar.percentile(0.99) <= 50'000});
    r.add_comparison({"a vote's ack p99 (durable), same window", "ms", ms(w.senders.ack.percentile(0.99)), std::nullopt,
                      false, "-", std::nullopt});
    r.add_comparison({"ask (indexing and commit) p99", "ms", ms(asks.percentile(0.99)), std::nullopt, false, "-",
                      std::nullopt});
    r.note("similar: the reference has no such request; Veche only");
    sleep_s(0.5);  // what is in flight is answered before the server goes
    pool.stop();
    server.stop();
}

}  // namespace veche::bench
