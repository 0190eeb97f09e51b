#include "vote_storm_scenario.hpp"

#include "bench_config.hpp"
#include "bench_handler.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"
#include "vote_tracker.hpp"
#include "wall_clock.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <random>
#include <stdexcept>

namespace veche::bench {
namespace {

struct vote_due {
    std::int64_t offset_us;  // after the storm starts
    std::uint32_t participant;
    std::uint32_t question;
};

class storm_handler : public bench_handler {
public:
    storm_handler(server_kind kind, const storm_options& o, vote_tracker& tracker)
        : bench_handler(kind, o.threads),
          o_(o),
          tracker_(tracker),
          question_ids_(o.questions),
          due_us_(o.participants * o.questions, 0),
          sent_us_(o.participants * o.questions, 0),
          known_(o.participants * o.questions, 0),
          reference_totals_(o.questions) {
        session = storm_session;
    }

    std::atomic<std::size_t> asked{0};
    std::atomic<std::uint64_t> votes_sent{0};
    std::uint64_t total_votes = 0;

    // Veche: participant p (< questions) asks question p.
    void ask(ws_client& c) {
        c.send(R"({"type":"ask","rid":"k","session":"storm","anonymous":false,"text":"Вопрос )" +
               std::to_string(c.index()) + R"(: что важнее всего для малой родины?"})");
        ++stats_of(c).requests;
    }
    // After the asks: question numbers → their index in the storm.
    void index_questions() {
        for (std::size_t q = 0; q < question_ids_.size(); ++q) {
            const auto n = question_number(question_ids_[q]);
            if (n < 0) continue;
            if (static_cast<std::size_t>(n) >= number_to_q_.size()) number_to_q_.resize(static_cast<std::size_t>(n) + 1, -1);
            number_to_q_[static_cast<std::size_t>(n)] = static_cast<std::int64_t>(q);
        }
    }
    // Starts each thread's share of the schedule at `start`.
    void start_storm(client_pool& pool, std::vector<std::vector<vote_due>> per_shard, std::int64_t start_us) {
        for (std::size_t shard = 0; shard < per_shard.size(); ++shard) {
            auto d = std::make_shared<driver>(pool.context(shard), *this, pool, std::move(per_shard[shard]), start_us);
            drivers_.push_back(d);
            boost::asio::post(pool.context(shard), [d] { d->tick(); });
        }
    }

protected:
    void on_ack(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) override {
        if (item.rid == "k") {
            question_ids_.at(c.index()) = std::string(item.id);
            asked.fetch_add(1, std::memory_order_release);
            return;
        }
        if (item.rid.size() < 2 || item.rid[0] != 'v') return;
        std::size_t q = 0;
        std::from_chars(item.rid.data() + 1, item.rid.data() + item.rid.size(), q);
        if (q >= o_.questions) return;
        const auto slot = c.index() * o_.questions + q;
        tracker_.set_origin(q, item.votes, now, due_us_[slot]);
        stats.ack.add(now - sent_us_[slot]);
    }
    void on_event(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) override {
        if (item.kind != "votes") return;
        if (kind() == server_kind::reference) {
            if (item.q >= 0 && item.v > 0)
                tracker_.seen(c.shard(), static_cast<std::size_t>(item.q), item.v - 1, item.v, now, sampled(c));
            return;
        }
        if (item.at_ms > 0) stats.from_commit.add(now - item.at_ms * 1000);
        for_each_count(item.counts, [&](std::string_view id, std::int64_t total) {
            const auto n = question_number(id);
            if (n < 0 || static_cast<std::size_t>(n) >= number_to_q_.size() || number_to_q_[static_cast<std::size_t>(n)] < 0)
                return;
            const auto q = static_cast<std::size_t>(number_to_q_[static_cast<std::size_t>(n)]);
            auto& known = known_[c.index() * o_.questions + q];
            if (total <= known) return;
            tracker_.seen(c.shard(), q, known, total, now, sampled(c));
            known = total;
        });
    }

private:
    // One subscriber in ten feeds the per-delivery histograms (every one counts for "everyone saw it").
    static bool sampled(const ws_client& c) { return c.index() % 10 == 0; }

    // One thread's share of the schedule: every millisecond, the votes that are due.
    class driver : public std::enable_shared_from_this<driver> {
    public:
        driver(boost::asio::io_context& ioc, storm_handler& h, client_pool& pool, std::vector<vote_due> due,
               std::int64_t start_us)
            : timer_(ioc), h_(h), pool_(pool), due_(std::move(due)), start_us_(start_us) {}
        void tick() {
            const auto now = wall_us();
            while (at_ < due_.size() && start_us_ + due_[at_].offset_us <= now && h_.may_send()) h_.vote(pool_, due_[at_++], start_us_, now);
            if (at_ == due_.size()) return;
            timer_.expires_after(std::chrono::milliseconds(1));
            timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
                if (!ec) self->tick();
            });
        }

    private:
        boost::asio::steady_timer timer_;
        storm_handler& h_;
        client_pool& pool_;
        std::vector<vote_due> due_;
        std::size_t at_ = 0;
        std::int64_t start_us_;
    };

    // The reference's voters wait while it owes more than the backlog bound.
    bool may_send() const {
        if (kind() != server_kind::reference) return true;
        const auto owed = votes_sent.load() * (o_.participants - 1);
        const auto delivered = delivered_total();
        return owed <= delivered || owed - delivered <= o_.reference_backlog;
    }
    void vote(client_pool& pool, const vote_due& v, std::int64_t start_us, std::int64_t now) {
        auto c = pool.client(v.participant);
        if (!c || !c->is_open()) return;
        const auto slot = static_cast<std::size_t>(v.participant) * o_.questions + v.question;
        due_us_[slot] = start_us + v.offset_us;
        sent_us_[slot] = now;
        if (kind() == server_kind::veche) {
            c->send(R"({"type":"vote","rid":"v)" + std::to_string(v.question) + R"(","question":")" +
                    question_ids_[v.question] + R"(","on":true})");
        } else {
            const auto number = ++reference_totals_[v.question];
            tracker_.set_origin(v.question, number, 0, due_us_[slot]);
            c->send(R"({"type":"event","kind":"votes","q":)" + std::to_string(v.question) + R"(,"v":)" +
                    std::to_string(number) + R"(,"t_us":)" + std::to_string(due_us_[slot]) + "}");
        }
        ++stats_of(*c).requests;
        ++votes_sent;
    }

    const storm_options& o_;
    vote_tracker& tracker_;
    std::vector<std::string> question_ids_;
    std::vector<std::int64_t> number_to_q_;
    std::vector<std::int64_t> due_us_;   // per participant × question: when the vote was due
    std::vector<std::int64_t> sent_us_;  // … and when it was sent
    std::vector<std::int64_t> known_;    // per participant × question: the total it has seen
    std::vector<std::atomic<std::int64_t>> reference_totals_;
    std::vector<std::shared_ptr<driver>> drivers_;
};

// Every participant votes for `votes_each` distinct questions at random moments of the storm.
std::vector<std::vector<vote_due>> schedule(const storm_options& o) {
    std::mt19937_64 rng(o.seed);
    std::vector<std::vector<vote_due>> per_shard(o.threads);
    std::vector<std::uint32_t> qs(o.questions);
    for (std::uint32_t q = 0; q < qs.size(); ++q) qs[q] = q;
    std::uniform_int_distribution<std::int64_t> when(0, static_cast<std::int64_t>(o.storm_seconds * 1e6));
    for (std::uint32_t p = 0; p < o.participants; ++p) {
        std::shuffle(qs.begin(), qs.end(), rng);
        for (std::size_t k = 0; k < std::min(o.votes_each, qs.size()); ++k)
            per_shard[p % o.threads].push_back({when(rng), p, qs[k]});
    }
    for (auto& s : per_shard)
        std::sort(s.begin(), s.end(), [](const vote_due& a, const vote_due& b) { return a.offset_us < b.offset_us; });
    return per_shard;
}

double ms(std::int64_t us) { return static_cast<double>(us) / 1000.0; }

nlohmann::json latency_json(const latency_histogram& h) {
    return {{"samples", h.count()}, {"p50", ms(h.percentile(0.5))}, {"p99", ms(h.percentile(0.99))}, {"max", ms(h.max())}};
}

vote_tracker::result run_one(server_kind kind, const storm_options& o, const server_paths& paths, report& r) {
    target_server server(kind, paths);
    const auto ep = server.endpoint();
    vote_tracker tracker(o.questions, o.participants, o.threads);
    client_pool pool(o.threads);
    storm_handler h(kind, o, tracker);
    std::cerr << "vote storm " << to_string(kind) << ": " << o.participants << " participants\n";
    if (kind == server_kind::veche) {
        auto joined = join_participants(ep, o.participants);
        if (joined.failures) throw std::runtime_error(std::to_string(joined.failures) + " joins failed");
        h.tokens = std::move(joined.tokens);
    }
    pool.open(ep, 0, o.participants, h);
    if (!h.wait_ready(o.participants, 300)) throw std::runtime_error("only " + std::to_string(h.ready) + " participants got ready");
    if (kind == server_kind::veche) {
        for (std::size_t p = 0; p < o.questions; ++p) pool.post_to(p, [&h, c = pool.client(p)] { h.ask(*c); });
        const auto start = std::chrono::steady_clock::now();
        while (h.asked.load(std::memory_order_acquire) < o.questions && std::chrono::steady_clock::now() - start < std::chrono::seconds(30))
            sleep_s(0.02);
        if (h.asked < o.questions) throw std::runtime_error("the questions were not asked");
        h.index_questions();
    }
    sleep_s(1);  // the new questions reach every subscriber before the storm
    auto plan = schedule(o);
    for (const auto& s : plan) h.total_votes += s.size();
    h.collect(pool, true);
    window w;
    w.label = "storm";
    w.subscribers = o.participants;
    std::cerr << "  measuring the storm\n";  // profile.sh starts perf on this line
    begin_window(w, server.pid());
    h.start_storm(pool, std::move(plan), wall_us() + 100'000);
    sleep_s(o.storm_seconds + 0.1);
    // Until every vote went out and the deliveries stop, within the drain limit.
    const auto drain_start = std::chrono::steady_clock::now();
    while (h.votes_sent < h.total_votes && std::chrono::steady_clock::now() - drain_start < std::chrono::duration<double>(o.drain_seconds))
        sleep_s(0.05);
    const double left = o.drain_seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - drain_start).count();
    wait_until_quiet([&] { return h.delivered_total(); }, 1.0, std::max(left, 1.0));
    w.audience = h.collect(pool, false);
    w.senders = w.audience.take_sender_part();
    end_window(w, server.pid());
    const auto end = wall_us();
    pool.stop();
    server.stop();
    auto result = tracker.finish(kind == server_kind::veche ? o.participants : o.participants - 1, end);
    w.audience.from_send = result.delivery_from_send;
    r.add_window(kind, w);
    r.set_summary(kind, {{"votes_planned", h.total_votes},
                         {"votes_sent", h.votes_sent.load()},
                         {"votes_tracked", result.votes},
                         {"votes_not_seen_by_everyone", result.incomplete},
                         {"everyone_from_ack_ms", latency_json(result.everyone_from_ack)},
                         {"everyone_from_due_ms", latency_json(result.everyone_from_send)},
                         {"delivery_from_ack_ms", latency_json(result.delivery_from_ack)},
                         {"delivery_from_due_ms", latency_json(result.delivery_from_send)}});
    std::cerr << "  " << h.votes_sent << " of " << h.total_votes << " votes sent, " << result.incomplete
              << " not seen by everyone\n";
    return result;
}

}  // namespace

void run_vote_storm(const storm_options& o, const server_paths& paths, report& r, bool veche, bool reference) {
    vote_tracker::result v, ref;
    if (veche) v = run_one(server_kind::veche, o, paths, r);
    if (reference) ref = run_one(server_kind::reference, o, paths, r);
    comparison ack;
    ack.figure = "p99 vote ack → every subscriber has it";
    ack.unit = "ms";
    ack.higher_is_better = false;
    ack.veche = ms(v.everyone_from_ack.percentile(0.99));
    ack.target = "< 100 ms";
    if (veche) ack.met = v.incomplete == 0 && ack.veche < 100;
    // The reference acknowledges nothing: its figure starts when the vote was due.
    if (reference) ack.reference = ms(ref.everyone_from_send.percentile(0.99));
    r.add_comparison(ack);
    comparison due;
    due.figure = "p99 vote due → every subscriber has it";
    due.unit = "ms";
    due.higher_is_better = false;
    due.veche = ms(v.everyone_from_send.percentile(0.99));
    if (reference) due.reference = ms(ref.everyone_from_send.percentile(0.99));
    r.add_comparison(due);
    if (reference && ref.incomplete)
        r.note("the reference had not delivered " + std::to_string(ref.incomplete) + " of " + std::to_string(ref.votes) +
               " votes to everyone when the run ended: its figures are lower bounds");
    if (veche && v.incomplete)
        r.note("Veche had not delivered " + std::to_string(v.incomplete) + " votes to everyone when the run ended");
}

}  // namespace veche::bench
