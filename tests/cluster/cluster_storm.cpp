#include "cluster_storm.hpp"

#include "session_view.hpp"

#include <catch2/catch.hpp>

namespace veche::test {

using nlohmann::json;
using namespace std::chrono_literals;

cluster_storm::cluster_storm(cluster_fixture& cluster, int participants)
    : cluster_(cluster), people_(static_cast<std::size_t>(participants)) {
    for (std::size_t i = 0; i < people_.size(); ++i) {
        people_[i].home = i % cluster_fixture::nodes;
        people_[i].token = cluster_.join(people_[i].home);
    }
    moderator_ = cluster_.staff_token("moderator");
}

void cluster_storm::start(int round, std::chrono::seconds length) {
    asks_until_ = std::chrono::steady_clock::now() + length;
    give_up_ = asks_until_ + 20s;
    for (std::size_t i = 0; i < people_.size(); ++i)
        threads_.emplace_back([this, i, round] { participate(people_[i], static_cast<int>(i), round); });
    threads_.emplace_back([this] { moderate(); });
}

void cluster_storm::join() {
    for (auto& t : threads_) t.join();
    threads_.clear();
}

std::size_t cluster_storm::acks() const {
    std::lock_guard lock(mutex_);
    return acks_;
}

std::unique_ptr<ws_client> cluster_storm::connect_any(std::size_t first, const std::string& token) {
    for (std::size_t k = 0; k < 3 * cluster_fixture::nodes; ++k) {
        try {
            auto c = cluster_.connect((first + k) % cluster_fixture::nodes, token);
            c->send({{"type", "subscribe"}, {"session", busy_session}});
            return c;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(100ms);  // that node is down (or restarting): the next one
        }
    }
    return nullptr;
}

void cluster_storm::participate(cluster_person& me, int who, int round) {
    std::map<std::string, json> in_flight;  // rid → the request, until an ack or a final error
    std::set<std::string> approved, vote_sent;
    std::unique_ptr<ws_client> c;
    std::size_t node = me.home;
    bool resend = false;
    for (int k = 0; std::chrono::steady_clock::now() < give_up_; ++k) {
        const bool asking = std::chrono::steady_clock::now() < asks_until_;
        if (!asking && in_flight.empty()) break;
        if (!c || c->is_closed()) {
            c = connect_any(node, me.token);
            if (!c) continue;
            resend = true;
        }
        try {
            if (resend) {
                for (const auto& [rid, request] : in_flight) c->send(request);
                resend = false;
            }
            if (asking && in_flight.size() < 4) {
                const auto text = "p" + std::to_string(who) + " r" + std::to_string(round) + " q" + std::to_string(k);
                in_flight[text] = {{"type", "ask"}, {"session", busy_session}, {"text", text}, {"rid", text}};
                c->send(in_flight[text]);
            }
            for (const auto& q : approved) {
                if (!asking || !vote_sent.insert(q).second) continue;
                in_flight["v " + q] = {{"type", "vote"}, {"question", q}, {"on", true}, {"rid", "v " + q}};
                c->send(in_flight["v " + q]);
            }
            bool retry_later = false;
            while (auto m = c->next(5ms)) {
                if (is_event(*m, "question") && (*m)["data"]["state"] == "approved") approved.insert((*m)["data"]["id"]);
                if ((*m)["type"] != "ack" && (*m)["type"] != "error") continue;
                const auto it = in_flight.find(m->value("rid", ""));
                if (it == in_flight.end()) continue;
                if ((*m)["type"] == "error" && (*m)["code"] == "internal") {
                    retry_later = true;  // no sequencer now, or the log out of reach: the same rid again soon
                    continue;
                }
                std::lock_guard lock(mutex_);
                if ((*m)["type"] == "ack") {
                    ++acks_;
                    if (it->second["type"] == "ask") me.asked[it->first] = (*m)["id"];
                    else me.voted.insert(it->second["question"].get<std::string>());
                }
                in_flight.erase(it);
            }
            if (retry_later) {
                std::this_thread::sleep_for(100ms);
                resend = true;
            }
        } catch (const std::exception&) {
            c.reset();
        }
        if (c && c->is_closed()) node = (node + 1) % cluster_fixture::nodes;
    }
}

void cluster_storm::moderate() {
    std::unique_ptr<ws_client> c;
    std::size_t node = 0;
    std::set<std::string> decided;
    std::map<std::string, json> in_flight;
    const auto decide = [&](const json& q) {
        if (q.value("state", "") != "pending" || decided.count(q["id"])) return;
        const std::string id = q["id"];
        decided.insert(id);
        in_flight["d " + id] = {{"type", "moderate"}, {"question", id}, {"action", "approve"}, {"rid", "d " + id}};
        c->send(in_flight["d " + id]);
    };
    while (std::chrono::steady_clock::now() < give_up_) {
        if (std::chrono::steady_clock::now() >= asks_until_ + 3s && in_flight.empty()) break;
        try {
            if (!c || c->is_closed()) {
                node = (node + 1) % cluster_fixture::nodes;
                c = connect_any(node, moderator_);
                if (!c) continue;
                decided.clear();  // the snapshot brings every pending question again
                for (const auto& [rid, request] : in_flight) c->send(request);
            }
            while (auto m = c->next(5ms)) {
                if ((*m)["type"] == "snapshot")
                    for (const auto& q : (*m)["questions"]) decide(q);
                if (is_event(*m, "question")) decide((*m)["data"]);
                if ((*m)["type"] == "error" && (*m)["code"] == "internal") {
                    std::this_thread::sleep_for(100ms);
                    if (const auto it = in_flight.find(m->value("rid", "")); it != in_flight.end()) c->send(it->second);
                } else if ((*m)["type"] == "ack" || (*m)["type"] == "error") {
                    in_flight.erase(m->value("rid", ""));
                }
            }
        } catch (const std::exception&) {
            c.reset();
        }
    }
}

void check_nothing_acknowledged_lost(cluster_fixture& cluster, cluster_storm& storm) {
    std::optional<session_view> first;
    for (std::size_t node = 0; node < cluster_fixture::nodes; ++node) {
        if (!cluster.running(node)) continue;
        INFO("node " << node + 1);
        session_view all;
        // A replica follows the log a few milliseconds behind; after a NATS server died, until its consumer is
        // made again on another server once JetStream answers: read until it has what the first node had.
        for (int attempt = 0; attempt < 100; ++attempt) {
            all = {};
            auto moderator = cluster.connect(node, storm.moderator_token());
            moderator->send({{"type", "subscribe"}, {"session", busy_session}});
            all.read_subscription(*moderator);
            if (!first || all.seq >= first->seq) break;
            std::this_thread::sleep_for(200ms);
        }
        std::map<std::string, int> copies;
        for (const auto& [id, q] : all.questions) ++copies[q["text"]];
        for (const auto& [text, n] : copies) {
            INFO(text);
            CHECK(n == 1);
        }
        std::map<std::string, int> voters;
        std::size_t asks = 0, votes = 0;
        for (auto& person : storm.people()) {
            for (const auto& [text, id] : person.asked) {
                INFO(text);
                ++asks;
                REQUIRE(all.questions.count(id) == 1);
                CHECK(all.questions[id]["text"] == text);
            }
            json snapshot;
            auto c = cluster.connect(node, person.token);
            c->send({{"type", "subscribe"}, {"session", busy_session}});
            snapshot = *c->wait_for([](const json& m) { return m["type"] == "snapshot"; }, 10s);
            const std::set<std::string> mine(snapshot["my_votes"].begin(), snapshot["my_votes"].end());
            for (const auto& q : mine) ++voters[q];
            for (const auto& q : person.voted) {
                ++votes;
                CHECK(mine.count(q) == 1);
            }
        }
        // Each vote counted once: a question's total is the number of people whose snapshot says they voted.
        for (const auto& [id, q] : all.questions) CHECK(q["votes"].get<int>() == voters[id]);
        CHECK(asks > 0);
        if (!first) first = all;
        else {
            CHECK(all.seq == first->seq);
            CHECK(all.questions == first->questions);
        }
    }
}

}  // namespace veche::test
