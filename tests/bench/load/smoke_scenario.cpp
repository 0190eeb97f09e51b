#include "smoke_scenario.hpp"

#include "bench_config.hpp"
#include "bench_handler.hpp"
#include "participant_joiner.hpp"
#include "scenario_common.hpp"
#include "wall_clock.hpp"

#include <iostream>
#include <set>

namespace veche::bench {
namespace {

// Client 0 is the moderator; 1… are participants (the first ones also ask).
class smoke_handler : public bench_handler {
public:
    smoke_handler(server_kind kind, const smoke_options& o)
        : bench_handler(kind, o.threads), o_(o), approved_(o.participants + 1), totals_(o.participants + 1) {
        session = fanout_session;
    }

    std::vector<std::string> questions;        // ids, in the order their asks were acknowledged
    std::atomic<std::size_t> asked{0};
    std::atomic<std::size_t> approvals_acked{0};
    std::atomic<std::size_t> votes_acked{0};
    std::vector<std::int64_t> final_totals;     // the largest total any vote's ack reported, per question id order
    std::mutex mutex;                           // guards questions and final_totals (shared across threads)

    std::size_t saw_everything(std::size_t question_count) const {
        std::size_t n = 0;
        for (std::size_t i = 1; i < approved_.size(); ++i) n += approved_[i].size() == question_count;
        return n;
    }
    std::size_t with_final_totals(const std::map<std::string, std::int64_t>& expected) const {
        std::size_t n = 0;
        for (std::size_t i = 1; i < totals_.size(); ++i) n += totals_[i] == expected;
        return n;
    }

protected:
    void on_ack(ws_client&, const frame_item& item, std::int64_t, delivery_stats&) override {
        if (item.rid.starts_with("ask")) {
            std::lock_guard lock(mutex);
            questions.emplace_back(item.id);
            ++asked;
        } else if (item.rid.starts_with("approve")) {
            ++approvals_acked;
        } else if (item.rid.starts_with("vote")) {
            ++votes_acked;
        }
    }
    void on_event(ws_client& c, const frame_item& item, std::int64_t now, delivery_stats& stats) override {
        if (kind() == server_kind::reference) {
            approved_[c.index()].insert(std::to_string(item.n));
            if (item.t_us > 0) stats.from_send.add(now - item.t_us);
            return;
        }
        if (item.at_ms > 0) stats.from_commit.add(now - item.at_ms * 1000);
        if (item.kind == "question" && item.state == "approved") approved_[c.index()].insert(std::string(item.id));
        if (item.kind == "votes")
            for_each_count(item.counts, [&](std::string_view id, std::int64_t total) {
                totals_[c.index()][std::string(id)] = total;
            });
    }

private:
    const smoke_options& o_;
    std::vector<std::set<std::string>> approved_;                 // per client: approved questions it saw
    std::vector<std::map<std::string, std::int64_t>> totals_;      // per client: the latest totals it saw
};

template <class F>
bool wait_for(F&& done, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        sleep_s(0.02);
    }
    return true;
}

void run_one(server_kind kind, const smoke_options& o, const server_paths& paths, report& r) {
    target_server server(kind, paths);
    const auto ep = server.endpoint();
    client_pool pool(o.threads);
    smoke_handler h(kind, o);
    const auto clients = o.participants + 1;
    const std::string who = to_string(kind);
    if (kind == server_kind::veche) {
        auto joined = join_participants(ep, o.participants);
        if (joined.failures) r.fail(who + ": " + std::to_string(joined.failures) + " joins failed");
        h.tokens.push_back(server.staff_token("moderator"));
        h.tokens.insert(h.tokens.end(), joined.tokens.begin(), joined.tokens.end());
    }
    window w;
    w.label = "smoke";
    w.subscribers = clients;
    begin_window(w, server.pid());
    pool.open(ep, 0, clients, h);
    if (!h.wait_ready(clients, o.timeout_seconds)) r.fail(who + ": only " + std::to_string(h.ready) + " clients got ready");
    const auto send = [&](std::size_t client, std::string text) {
        pool.post_to(client, [c = pool.client(client), text = std::move(text)]() mutable { c->send(std::move(text)); });
    };
    if (kind == server_kind::veche) {
        for (std::size_t k = 0; k < o.questions; ++k)
            send(1 + k % 5, R"({"type":"ask","rid":"ask)" + std::to_string(k) +
                                R"(","session":"fanout","text":"Проверочный вопрос )" + std::to_string(k) + R"("})");
        if (!wait_for([&] { return h.asked >= o.questions; }, o.timeout_seconds)) r.fail(who + ": not every ask was acknowledged");
        std::vector<std::string> ids;
        {
            std::lock_guard lock(h.mutex);
            ids = h.questions;
        }
        for (std::size_t k = 0; k < ids.size(); ++k)
            send(0, R"({"type":"moderate","rid":"approve)" + std::to_string(k) + R"(","question":")" + ids[k] +
                        R"(","action":"approve"})");
        if (!wait_for([&] { return h.approvals_acked >= ids.size(); }, o.timeout_seconds))
            r.fail(who + ": not every approval was acknowledged");
        if (!wait_for([&] { return h.saw_everything(ids.size()) == o.participants; }, o.timeout_seconds))
            r.fail(who + ": only " + std::to_string(h.saw_everything(ids.size())) + " of " + std::to_string(o.participants) +
                   " subscribers saw every approved question");
        std::map<std::string, std::int64_t> expected;
        for (std::size_t p = 1; p <= o.participants && !ids.empty(); ++p)
            for (std::size_t k = 0; k < o.votes_each; ++k) {
                const auto& id = ids[(p + k) % ids.size()];
                ++expected[id];
                send(p, R"({"type":"vote","rid":"vote)" + std::to_string(k) + R"(","question":")" + id + R"(","on":true})");
            }
        const auto votes = o.participants * o.votes_each;
        if (!wait_for([&] { return h.votes_acked >= votes; }, o.timeout_seconds)) r.fail(who + ": not every vote was acknowledged");
        if (!wait_for([&] { return h.with_final_totals(expected) == o.participants; }, o.timeout_seconds))
            r.fail(who + ": only " + std::to_string(h.with_final_totals(expected)) + " subscribers ended with the final totals");
    } else {
        // The publisher (client 0) sends; every other client must get each message once.
        for (std::size_t n = 0; n < o.questions; ++n)
            send(0, R"({"type":"event","kind":"question","n":)" + std::to_string(n) + R"(,"t_us":)" +
                        std::to_string(wall_us()) + "}");
        if (!wait_for([&] { return h.saw_everything(o.questions) == o.participants; }, o.timeout_seconds))
            r.fail(who + ": only " + std::to_string(h.saw_everything(o.questions)) + " subscribers got every message");
    }
    w.audience = h.collect(pool, false);
    w.senders = w.audience.take_sender_part();
    end_window(w, server.pid());
    if (w.audience.error_count()) r.fail(who + ": " + std::to_string(w.audience.error_count()) + " error replies");
    if (w.audience.bad_frames) r.fail(who + ": " + std::to_string(w.audience.bad_frames) + " frames could not be read");
    if (h.ended) r.fail(who + ": " + std::to_string(h.ended) + " connections ended early");
    if (w.audience.items == 0) r.fail(who + ": nothing was delivered");
    r.add_window(kind, std::move(w));
    pool.stop();
    server.stop();
}

}  // namespace

void run_smoke(const smoke_options& o, const server_paths& paths, report& r, bool veche, bool reference) {
    if (veche) run_one(server_kind::veche, o, paths, r);
    if (reference) run_one(server_kind::reference, o, paths, r);
}

}  // namespace veche::bench
