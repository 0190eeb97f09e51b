// kill -9 in the middle of a storm of asks and votes: after a restart every
// acknowledged change is there, exactly once, and retries do not duplicate.
#include "forum_fixture.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace veche::test;
using nlohmann::json;

namespace {

struct participant_log {
    std::string token;
    std::map<std::string, std::string> asked;  // acked: text → question id
    std::set<std::string> voted;               // acked: question ids voted for
    std::vector<std::string> unacked_texts;    // sent, no answer seen
};

// Asks and votes as fast as the server answers, until the connection dies or time runs out.
void storm(forum_fixture& forum, participant_log& log, int who, int round, std::mutex& log_mutex) {
    std::unique_ptr<ws_client> c;
    try {
        c = forum.connect(log.token);
        c->send({{"type", "subscribe"}, {"session", post_session}});
    } catch (const std::exception&) {
        return;
    }
    std::vector<std::string> known;
    std::map<std::string, std::string> pending_asks;  // rid → text
    std::map<std::string, std::string> pending_votes;  // rid → question
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(6);
    for (int k = 0; std::chrono::steady_clock::now() < deadline && !c->is_closed(); ++k) {
        try {
            const auto text = "p" + std::to_string(who) + " r" + std::to_string(round) + " q" + std::to_string(k);
            c->send({{"type", "ask"}, {"session", post_session}, {"text", text}, {"rid", text}});
            pending_asks[text] = text;
            for (const auto& q : known) {
                const auto rid = "v " + q;
                if (log.voted.count(q) || pending_votes.count(rid)) continue;
                c->send({{"type", "vote"}, {"question", q}, {"on", true}, {"rid", rid}});
                pending_votes[rid] = q;
            }
        } catch (const std::exception&) {
            break;
        }
        while (auto m = c->next(std::chrono::milliseconds(5))) {
            if (is_event(*m, "question")) known.push_back((*m)["data"]["id"]);
            if ((*m)["type"] != "ack") continue;
            const std::string rid = (*m)["rid"];
            std::lock_guard lock(log_mutex);
            if (auto a = pending_asks.find(rid); a != pending_asks.end()) {
                log.asked[a->second] = (*m)["id"];
                pending_asks.erase(a);
            } else if (auto v = pending_votes.find(rid); v != pending_votes.end()) {
                log.voted.insert(v->second);
                pending_votes.erase(v);
            }
        }
    }
    std::lock_guard lock(log_mutex);
    for (const auto& [rid, text] : pending_asks) log.unacked_texts.push_back(text);
}

}  // namespace

TEST_CASE("every acknowledged ask and vote survives kill -9, exactly once") {
    // Each person sends thousands of requests here: the request log keeps
    // all of them, so every retry below is inside its bound.
    forum_fixture forum([](json& cfg) {
        cfg["limits"] = {{"asks_per_minute", 10000}, {"votes_per_second", 10000}, {"votes_burst", 10000},
                         {"messages_per_second", 10000}, {"messages_burst", 10000}, {"request_log_size", 100000}};
    });
    constexpr int people = 12;
    std::vector<participant_log> logs(people);
    for (auto& l : logs) l.token = forum.join()["token"];
    std::mutex log_mutex;
    std::mt19937 random(std::random_device{}());

    for (int round = 0; round < 3; ++round) {
        std::vector<std::thread> threads;
        for (int i = 0; i < people; ++i)
            threads.emplace_back([&, i] { storm(forum, logs[i], i, round, log_mutex); });
        std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 1200));
        forum.restart_after(SIGKILL);
        for (auto& t : threads) t.join();
    }

    const auto mod_token = forum.staff_token("moderator");
    const auto all = http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/questions",
                              {{"Authorization", "Bearer " + mod_token}})
                         .json()["questions"];
    std::map<std::string, int> copies;
    for (const auto& q : all) ++copies[q["text"]];
    for (const auto& [text, n] : copies) CHECK(n == 1);  // nothing ever stored twice

    std::size_t acked_asks = 0, acked_votes = 0;
    std::map<std::string, int> voters;  // question → participants whose snapshot says they voted
    for (auto& log : logs) {
        for (const auto& [text, id] : log.asked) {
            ++acked_asks;
            CHECK(copies[text] == 1);
        }
        json snapshot;
        auto c = forum.subscribed(log.token, post_session, &snapshot);
        std::set<std::string> mine(snapshot["my_votes"].begin(), snapshot["my_votes"].end());
        for (const auto& q : mine) ++voters[q];
        for (const auto& q : log.voted) {
            ++acked_votes;
            CHECK(mine.count(q) == 1);
        }
        // A retry of an unanswered ask (same rid) is applied once at most.
        if (!log.unacked_texts.empty()) {
            const auto text = log.unacked_texts.front();
            auto ack = c->request({{"type", "ask"}, {"session", post_session}, {"text", text}, {"rid", text}});
            (void)ack;
        }
    }
    // Each vote counted exactly once: the totals are the number of people who voted.
    for (const auto& q : all) CHECK(q["votes"].get<int>() == voters[q["id"]]);
    INFO("acked asks " << acked_asks << ", acked votes " << acked_votes);
    CHECK(acked_asks > 0);
    CHECK(acked_votes > 0);

    const auto after = http_get(forum.port(), std::string("/api/v1/sessions/") + post_session + "/questions",
                                {{"Authorization", "Bearer " + mod_token}})
                           .json()["questions"];
    std::map<std::string, int> again;
    for (const auto& q : after) ++again[q["text"]];
    for (const auto& [text, n] : again) CHECK(n == 1);

    forum.server->stop(SIGTERM);
    const auto check = run_command({"sqlite3", (forum.dir / "data" / "veche.db").string(), "PRAGMA integrity_check"});
    CHECK(check == "ok\n");
}
