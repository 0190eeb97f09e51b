// Crash safety: the server killed (SIGKILL) at random moments of a storm of
// asks, votes, moderation and transcript lines, again and again, and stopped
// (SIGTERM) in the middle of one. After every restart the database passes
// its integrity check and every acknowledged change is there exactly once.
// durability_test.cpp checks the same once, at the end; this one checks after
// every crash, includes moderation and transcripts, and retries what went
// unanswered.
//
// The suite runs a few rounds; VECHE_CRASH_ROUNDS=200 runs the long form
// (docs/reliability.md).
#include "raw_socket.hpp"
#include "storm.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <random>

using namespace veche::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

int crash_rounds() {
    const char* env = std::getenv("VECHE_CRASH_ROUNDS");
    return env ? std::max(1, std::atoi(env)) : 5;
}

std::string integrity(forum_fixture& forum) {
    return run_command({"sqlite3", (forum.dir / "data" / "veche.db").string(), "PRAGMA integrity_check"});
}

// Asks sent but never answered are sent again with the same rid, as a client
// does after reconnecting: each is applied once at most.
void retry_unanswered(forum_fixture& forum, storm& s) {
    for (auto& person : s.people()) {
        if (person.unanswered.empty()) continue;
        auto c = forum.connect(person.token);
        for (const auto& text : person.unanswered) {
            const auto reply = c->request({{"type", "ask"}, {"session", pre_session}, {"text", text}, {"rid", text}});
            if (reply["type"] == "ack") person.asked[text] = reply["id"];
        }
        person.unanswered.clear();
    }
}

// Every acknowledged ask, vote and decision is in the restarted server, once.
void check_everything_acknowledged_is_there(forum_fixture& forum, storm& s) {
    const auto all = http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/questions",
                              {{"Authorization", "Bearer " + s.moderator().token}})
                         .json()["questions"];
    std::map<std::string, int> copies;
    std::map<std::string, json> by_id;
    for (const auto& q : all) {
        ++copies[q["text"]];
        by_id[q["id"]] = q;
    }
    for (const auto& [text, n] : copies) {
        INFO(text);
        CHECK(n == 1);
    }
    std::size_t asks = 0, votes = 0;
    std::map<std::string, int> voters;
    for (auto& person : s.people()) {
        for (const auto& [text, id] : person.asked) {
            INFO(text);
            ++asks;
            REQUIRE(by_id.count(id) == 1);
            CHECK(by_id[id]["text"] == text);
        }
        json snapshot;
        forum.subscribed(person.token, pre_session, &snapshot);
        // seq is kept across restarts: nothing anybody saw is numbered again.
        CHECK(snapshot["seq"].get<std::int64_t>() >= s.max_seq());
        const std::set<std::string> mine(snapshot["my_votes"].begin(), snapshot["my_votes"].end());
        for (const auto& q : mine) ++voters[q];
        for (const auto& q : person.voted) {
            ++votes;
            CHECK(mine.count(q) == 1);
        }
    }
    for (const auto& [id, state] : s.decisions()) {
        INFO(id);
        CHECK(by_id[id]["state"] == state);
    }
    const auto segments =
        http_get(forum.port(), std::string("/api/v1/sessions/") + pre_session + "/transcript.json").json()["segments"];
    std::map<std::string, json> lines;
    for (const auto& seg : segments) CHECK(lines.emplace(seg["id"], seg).second);  // each line once
    for (const auto& [id, text] : s.lines()) {
        INFO(id);
        REQUIRE(lines.count(id) == 1);
        CHECK(lines[id]["text"] == text);
    }
    // Each vote counted once: a question's total is the number of people whose snapshot says they voted.
    for (const auto& [id, q] : by_id) CHECK(q["votes"].get<int>() == voters[id]);
    INFO("acknowledged: " << asks << " asks, " << votes << " votes, " << s.decisions().size() << " decisions, "
                          << s.lines().size() << " transcript lines");
    CHECK(asks > 0);
}

// The questions a client holds: a snapshot, then events applied in order.
struct question_view {
    std::int64_t seq = 0;
    std::map<std::string, json> questions;

    // One message of the answer to a subscribe; true once the state is known
    // (a snapshot, or subscribed after the replayed events).
    bool apply(const json& m) {
        if (m["type"] == "batch") {
            bool done = false;
            for (const auto& item : m["items"]) done = apply(item) || done;
            return done;
        }
        if (m["type"] == "snapshot") {
            questions.clear();
            for (const auto& q : m["questions"]) questions[q["id"]] = q;
            seq = m["seq"];
            return true;
        } else if (is_event(m, "question")) {
            // A question that stops being visible comes as {"id","session","state"} only.
            if (m["data"].contains("text"))
                questions[m["data"]["id"]] = m["data"];
            else
                questions.erase(m["data"]["id"].get<std::string>());
        } else if (is_event(m, "votes")) {
            for (const auto& [id, n] : m["data"]["counts"].items())
                if (questions.count(id)) questions[id]["votes"] = n;
        } else if (m["type"] == "subscribed") {
            seq = m["seq"];
            return true;
        }
        return false;
    }

    void read_subscription(ws_client& c) {
        while (auto m = c.next(std::chrono::seconds(10)))
            if (apply(*m)) return;
        FAIL("no subscribed");
    }
};

// People voting on and off as fast as the server takes it: a batch is on its
// way to the disk nearly all the time, and every vote is a change with a seq.
class vote_churn {
public:
    vote_churn(forum_fixture& forum, const std::vector<std::string>& questions, int people) {
        for (int i = 0; i < people; ++i)
            threads_.emplace_back([&forum, questions, token = forum.join()["token"].get<std::string>()] {
                try {
                    auto c = forum.connect(token);
                    const auto deadline = std::chrono::steady_clock::now() + 10s;
                    for (std::size_t k = 0; !c->is_closed() && std::chrono::steady_clock::now() < deadline; ++k) {
                        c->send({{"type", "vote"},
                                 {"question", questions[k % questions.size()]},
                                 {"on", (k / questions.size()) % 2 == 0}});
                        while (c->next(1ms)) {
                        }
                    }
                } catch (const std::exception&) {
                    // the server was killed under it
                }
            });
    }
    ~vote_churn() { join(); }
    vote_churn(const vote_churn&) = delete;
    vote_churn& operator=(const vote_churn&) = delete;

    void join() {
        for (auto& t : threads_) t.join();
        threads_.clear();
    }

private:
    std::vector<std::thread> threads_;
};

// The first few questions that differ, for a readable failure.
std::string differences(const std::map<std::string, json>& got, const std::map<std::string, json>& want) {
    std::string out;
    int shown = 0;
    for (const auto& [id, q] : want)
        if (const auto it = got.find(id); (it == got.end() || it->second != q) && shown++ < 3)
            out += id + ": " + (it == got.end() ? "missing" : it->second.dump()) + " instead of " + q.dump() + "\n";
    for (const auto& [id, q] : got)
        if (!want.count(id) && shown++ < 6) out += id + ": " + q.dump() + " does not exist\n";
    return out;
}

}  // namespace

TEST_CASE("kill -9 right after a snapshot: resuming with its seq ends with the state of a fresh snapshot") {
    // A snapshot must only show what is stored: if it showed a change still
    // on its way to the disk, a crash would lose the change, its seq would be
    // given to another one after the restart, and a client resuming from the
    // snapshot would never learn of that one.
    forum_fixture forum(storm::lift_limits);
    const auto moderator = forum.staff_token("moderator");
    const auto participant = forum.join()["token"].get<std::string>();
    int compared = 0;
    for (int round = 0; round < crash_rounds(); ++round) {
        INFO("round " << round);
        auto writer = forum.connect(moderator);
        std::vector<std::string> questions;
        for (int i = 0; i < 3; ++i)
            questions.push_back(
                writer->request({{"type", "ask"},
                                 {"session", post_session},
                                 {"text", "Вопрос " + std::to_string(round) + "." + std::to_string(i)}})["id"]);
        vote_churn churn(forum, questions, 4);
        std::this_thread::sleep_for(300ms);
        question_view before;
        bool complete = false;
        {
            // The kill comes as soon as the answer starts to arrive: the
            // batch of votes the room was committing may not be on disk yet.
            raw_socket watcher(forum.port());
            REQUIRE(watcher.upgrade());
            watcher.send(raw_socket::frame(json{{"type", "hello"}, {"token", participant}}.dump()));
            REQUIRE(watcher.wait_for_text("welcome", 5s));
            watcher.send(raw_socket::frame(json{{"type", "subscribe"}, {"session", post_session}}.dump()));
            watcher.wait_readable(5s);
            forum.restart_after(SIGKILL);
            watcher.wait_closed(5s);  // what the server had written before it died
            const auto& texts = watcher.texts();
            // Nothing comes between subscribe and its snapshot, not even the
            // events of the votes streaming in (a batch's items count one by one).
            if (texts.size() > 1) {
                auto first = json::parse(texts[1]);
                if (first["type"] == "batch") first = first["items"][0];
                CHECK(first["type"] == "snapshot");
            }
            for (const auto& text : texts) complete = before.apply(json::parse(text)) || complete;
        }
        churn.join();
        if (!complete) continue;  // killed before the snapshot went out: nothing to resume from
        ++compared;
        // New changes, enough to take the seq past the one the watcher holds.
        writer = forum.connect(moderator);
        question_view now;
        writer->send({{"type", "subscribe"}, {"session", post_session}});
        now.read_subscription(*writer);
        for (auto seq = now.seq; seq < before.seq + 3 && seq < now.seq + 2000; ++seq) {
            const auto text = "После сбоя " + std::to_string(round) + "." + std::to_string(seq);
            REQUIRE(writer->request({{"type", "ask"}, {"session", post_session}, {"text", text}})["type"] == "ack");
        }
        question_view resumed = before;
        auto watcher = forum.connect(participant);
        watcher->send({{"type", "subscribe"}, {"session", post_session}, {"since", before.seq}});
        resumed.read_subscription(*watcher);
        question_view fresh;
        auto other = forum.connect(participant);
        other->send({{"type", "subscribe"}, {"session", post_session}});
        fresh.read_subscription(*other);
        INFO("seq of the snapshot before the crash " << before.seq << ", after the restart " << now.seq);
        CHECK(differences(resumed.questions, fresh.questions) == "");
    }
    CHECK(compared > 0);
}

TEST_CASE("kill -9 at random points of a storm, again and again: nothing acknowledged is lost or doubled") {
    forum_fixture forum(storm::lift_limits);
    storm s(forum, 8);
    std::mt19937 random(std::random_device{}());
    const int rounds = crash_rounds();
    for (int round = 0; round < rounds; ++round) {
        INFO("round " << round);
        s.start(round);
        std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 1300));
        forum.restart_after(SIGKILL);
        s.join();
        CHECK(integrity(forum) == "ok\n");
        retry_unanswered(forum, s);
        check_everything_acknowledged_is_there(forum, s);
    }
    CHECK_FALSE(s.decisions().empty());
    CHECK_FALSE(s.lines().empty());
}

TEST_CASE("SIGTERM in the middle of a storm: every client gets 1001, nothing acknowledged is lost, exit within 10 s") {
    forum_fixture forum(storm::lift_limits);
    storm s(forum, 8);
    std::mt19937 random(std::random_device{}());
    s.start(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 1200));
    std::chrono::milliseconds took{};
    const auto stopped = forum.server->stop(SIGTERM, &took);
    s.join();
    CHECK(stopped.exit_code == 0);
    CHECK(took < 10s);
    for (const auto& person : s.people()) CHECK(person.close_code == 1001);
    CHECK(s.moderator().close_code == 1001);
    CHECK(s.captioner().close_code == 1001);

    forum.start();
    CHECK(integrity(forum) == "ok\n");
    retry_unanswered(forum, s);
    check_everything_acknowledged_is_there(forum, s);
}
