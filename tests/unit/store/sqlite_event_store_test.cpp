#include "common/wall_clock.hpp"
#include "store/request_codec.hpp"
#include "store/sqlite_event_store.hpp"
#include "store/store_schema.hpp"
#include "store_test_support.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <future>

using namespace veche;
using veche::test::submit_and_wait;

namespace {

core::question question(const std::string& id, core::question_state state) {
    core::question q;
    q.id = id;
    q.session = "s1";
    q.text = "Вопрос «" + id + "»\n<b>как есть</b>";
    q.author_id = "anna";
    q.author_name = "Анна";
    q.anonymous = true;
    q.state = state;
    q.created_at = 1'768'471'200'000;
    return q;
}

// Every request a session's stored batches hold, with the time of its batch.
struct read_request {
    std::string participant, rid, reply;
    core::epoch_ms at;
};
std::vector<read_request> requests_of(const store::stored_session& s) {
    std::vector<read_request> out;
    for (const auto& batch : s.request_batches)
        store::for_each_request(batch.encoded, [&](std::string_view p, std::string_view rid, std::string_view reply) {
            out.push_back({std::string(p), std::string(rid), std::string(reply), batch.at});
        });
    return out;
}

}  // namespace

TEST_CASE("the store keeps sessions, questions, votes and request ids across a reopen") {
    test::temp_dir dir;
    const auto b_at = now_ms();
    const auto path = (dir / "veche.db").string();
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics);
        CHECK(s.load().empty());
        s.start();
        store::write_batch b;
        b.session = "s1";
        b.status = {core::session_state::live, false, core::moderation_mode::post, std::nullopt};
        b.seq = 4;
        b.changes.push_back({1, core::question_changed{question("s1.1", core::question_state::pending), false}});
        b.changes.push_back({2, core::question_changed{question("s1.1", core::question_state::approved), false}});
        b.changes.push_back({3, core::vote_changed{"s1.1", "boris", true, 1}});
        b.changes.push_back({4, core::vote_changed{"s1.1", "vera", true, 2}});
        b.at = b_at;
        b.requests.push_back({"anna", "r1", R"({"id":"s1.1"})"});
        REQUIRE(submit_and_wait(s, b));
        // A retry of the same batch (as after a lost ack) changes nothing.
        REQUIRE(submit_and_wait(s, b));

        store::write_batch later;
        later.session = "s1";
        later.status = b.status;
        later.seq = 5;
        later.changes.push_back({5, core::vote_changed{"s1.1", "vera", false, 1}});
        REQUIRE(submit_and_wait(s, later));
        s.stop();
        CHECK(metrics.render().find("veche_store_batches_total 3") != std::string::npos);
    }
    metrics_registry metrics;
    store::sqlite_event_store reopened(path, metrics);
    const auto sessions = reopened.load();
    REQUIRE(sessions.count("s1"));
    const auto& s1 = sessions.at("s1");
    CHECK(s1.seq == 5);
    REQUIRE(s1.status);
    CHECK(s1.status->state == core::session_state::live);
    CHECK_FALSE(s1.status->qa_open);
    CHECK(s1.status->moderation == core::moderation_mode::post);
    REQUIRE(s1.questions.size() == 1);
    CHECK(s1.questions[0] == question("s1.1", core::question_state::approved));
    REQUIRE(s1.votes.size() == 1);
    CHECK(s1.votes[0] == std::make_pair(std::string("s1.1"), std::string("boris")));
    // Twice, as the batch was written twice: the room keeps the first answer of each rid.
    const auto requests = requests_of(s1);
    REQUIRE_FALSE(requests.empty());
    for (const auto& r : requests) {
        CHECK(r.participant == "anna");
        CHECK(r.rid == "r1");
        CHECK(r.reply == R"({"id":"s1.1"})");
        CHECK(r.at == b_at);
    }
}

TEST_CASE("the requests of a batch are one row, read back while they are younger than the limit") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    const auto now = now_ms();
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics, std::chrono::hours(1));
        s.start();
        for (int i = 0; i < 3; ++i) {
            store::write_batch b;
            b.session = "s1";
            b.at = i == 0 ? now - 2 * 3'600'000 : now;  // the first is two hours old
            b.seq = static_cast<core::seq_t>(i + 1);
            for (int r = 0; r < 100; ++r)
                b.requests.push_back({"p" + std::to_string(r), "rid-" + std::to_string(i), R"({"votes":)" + std::to_string(r) + "}"});
            REQUIRE(submit_and_wait(s, b));
        }
        s.stop();
        store::sqlite_connection db(path);
        store::sqlite_statement rows(db.handle(), "SELECT count(*) FROM request_batches");
        REQUIRE(rows.next_row());
        CHECK(rows.integer(0) == 2);  // one row per batch; the old one already deleted
    }
    metrics_registry metrics;
    store::sqlite_event_store reopened(path, metrics, std::chrono::hours(1));
    const auto sessions = reopened.load();
    const auto requests = requests_of(sessions.at("s1"));
    REQUIRE(requests.size() == 200);
    CHECK(requests.front().rid == "rid-1");
    CHECK(requests.back().participant == "p99");
    CHECK(requests.back().reply == R"({"votes":99})");
}

TEST_CASE("request ids stored one row each by an older version are kept") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    {
        store::sqlite_connection db(path);
        db.exec("CREATE TABLE requests (session TEXT NOT NULL, participant TEXT NOT NULL, rid TEXT NOT NULL, "
                "reply TEXT NOT NULL, PRIMARY KEY (session, participant, rid)) WITHOUT ROWID;"
                "INSERT INTO requests VALUES('s1', 'anna', 'r1', '{\"id\":\"s1.1\"}'), ('s1', 'boris', 'r1', '{}'),"
                "('s2', 'anna', 'x', '{\"votes\":3}'); PRAGMA user_version = 2;");
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    const auto sessions = s.load();
    REQUIRE(requests_of(sessions.at("s1")).size() == 2);
    CHECK(requests_of(sessions.at("s1"))[0].rid == "r1");
    REQUIRE(requests_of(sessions.at("s2")).size() == 1);
    CHECK(requests_of(sessions.at("s2"))[0].reply == R"({"votes":3})");
    store::sqlite_connection db(path);
    store::sqlite_statement old(db.handle(), "SELECT 1 FROM sqlite_master WHERE name = 'requests'");
    CHECK_FALSE(old.next_row());
}

TEST_CASE("a database that cannot be opened is a clear error") {
    metrics_registry metrics;
    CHECK_THROWS_AS(store::sqlite_event_store("/nonexistent-dir/veche.db", metrics), store::store_error);
}

TEST_CASE("the store stamps when a session went live and ended with its batch's time, and keeps it across a reopen") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    const auto start = now_ms();
    auto status_batch = [start](core::session_state state, core::seq_t seq) {
        store::write_batch b;
        b.session = "s1";
        b.at = start + static_cast<core::epoch_ms>(seq) * 1000;  // the time of the batch, not of its commit
        b.status = {state, true, core::moderation_mode::pre, std::nullopt};
        b.seq = seq;
        b.changes.push_back({seq, core::session_changed{b.status}});
        return b;
    };
    std::int64_t live_at = 0, ended_at = 0;
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics);
        s.load();
        s.start();
        CHECK_FALSE(s.times().find("s1"));
        // Ended before it was ever live: no replay.
        REQUIRE(submit_and_wait(s, status_batch(core::session_state::ended, 1)));
        CHECK_FALSE(s.times().find("s1")->live_at_ms);
        REQUIRE(submit_and_wait(s, status_batch(core::session_state::live, 2)));
        const auto live = s.times().find("s1");
        REQUIRE(live->live_at_ms);
        CHECK_FALSE(live->ended_at_ms);
        live_at = *live->live_at_ms;
        CHECK(live_at == start + 2000);
        REQUIRE(submit_and_wait(s, status_batch(core::session_state::ended, 3)));
        ended_at = *s.times().find("s1")->ended_at_ms;
        CHECK(ended_at == start + 3000);
        // Live again and ended again: the replay runs from the first start to the last end.
        REQUIRE(submit_and_wait(s, status_batch(core::session_state::live, 4)));
        CHECK_FALSE(s.times().find("s1")->ended_at_ms);
        CHECK(*s.times().find("s1")->live_at_ms == live_at);
        REQUIRE(submit_and_wait(s, status_batch(core::session_state::ended, 5)));
        ended_at = *s.times().find("s1")->ended_at_ms;
        CHECK(ended_at == start + 5000);
        // Q&A closed after the end: a change, but not an end; the replay keeps its end.
        auto closed = status_batch(core::session_state::ended, 6);
        closed.status.qa_open = false;
        std::get<core::session_changed>(closed.changes[0].payload).status.qa_open = false;
        REQUIRE(submit_and_wait(s, closed));
        CHECK(*s.times().find("s1")->ended_at_ms == ended_at);
        // A moderator's correction of the replay's range is kept beside the times.
        auto corrected = status_batch(core::session_state::ended, 7);
        corrected.status.replay = core::replay_range{live_at + 240'000, ended_at - 1000};
        std::get<core::session_changed>(corrected.changes[0].payload).status = corrected.status;
        REQUIRE(submit_and_wait(s, corrected));
        CHECK(s.times().find("s1")->corrected == corrected.status.replay);
        CHECK(*s.times().find("s1")->ended_at_ms == ended_at);
        s.stop();
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    s.load();
    const auto back = s.times().find("s1");
    REQUIRE(back);
    CHECK(back->live_at_ms == live_at);
    CHECK(back->ended_at_ms == ended_at);
    CHECK(back->corrected == core::replay_range{live_at + 240'000, ended_at - 1000});
    CHECK(s.load().at("s1").status->replay == back->corrected);
}

TEST_CASE("a question keeps its author's municipality and region, attendees keep theirs") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    auto q = question("s1.1", core::question_state::pending);
    q.author_affiliation = {"Бежецкий округ", "Тверская область", true};
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics);
        s.load();
        s.start();
        store::write_batch b;
        b.session = "s1";
        b.seq = 1;
        b.changes.push_back({1, core::question_changed{q, false}});
        b.attendees = {{"anna", "Тверская область"}, {"boris", ""}};
        REQUIRE(submit_and_wait(s, b));
        store::write_batch again;
        again.session = "s1";
        again.seq = 1;
        again.attendees = {{"anna", "Москва"}};  // a new token, a new region
        REQUIRE(submit_and_wait(s, again));
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    const auto sessions = s.load();
    REQUIRE(sessions.at("s1").questions.size() == 1);
    CHECK(sessions.at("s1").questions[0].author_affiliation == q.author_affiliation);
    auto attendees = sessions.at("s1").attendees;
    std::sort(attendees.begin(), attendees.end());
    CHECK(attendees == std::vector<std::pair<std::string, std::string>>{{"anna", "Москва"}, {"boris", ""}});
}

TEST_CASE("questions stored by a version without regions load with none") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    {
        store::sqlite_connection db(path);
        db.exec("CREATE TABLE questions (id TEXT PRIMARY KEY, session TEXT NOT NULL, text TEXT NOT NULL, "
                "author_id TEXT NOT NULL, author_name TEXT NOT NULL, anonymous INTEGER NOT NULL, state TEXT NOT NULL, "
                "highlighted INTEGER NOT NULL, edited INTEGER NOT NULL, created_at INTEGER NOT NULL);"
                "INSERT INTO questions VALUES('s1.1', 's1', 'Старый вопрос', 'anna', 'Анна', 0, 'approved', 0, 0, 1);"
                "PRAGMA user_version = 4;");
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    const auto sessions = s.load();
    REQUIRE(sessions.at("s1").questions.size() == 1);
    const auto& q = sessions.at("s1").questions[0];
    CHECK(q.text == "Старый вопрос");
    CHECK(q.author_affiliation == core::affiliation{});
}

TEST_CASE("the store keeps merges, similar-question hints and replies, a question's merged list is read back") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    auto target = question("s1.3", core::question_state::approved);
    target.created_at += 5;  // asked after the two merged into it
    target.reply = core::written_reply{"Приём заявок — с 1 марта.", "Наталья", 1'768'471'300'000};
    auto first = question("s1.1", core::question_state::merged);
    first.merged_into = "s1.3";
    auto second = question("s1.2", core::question_state::merged);
    second.created_at += 1;
    second.merged_into = "s1.3";
    auto incoming = question("s1.4", core::question_state::pending);
    incoming.similar_to = core::similar_hint{"s1.3", 0.617};
    auto nameless = question("s1.5", core::question_state::approved);
    nameless.reply = core::written_reply{"Да.", "", 1'768'471'400'000};
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics);
        s.start();
        store::write_batch b;
        b.session = "s1";
        b.seq = 6;
        // The pending question first had no hint; the later change gives it one.
        auto hintless = incoming;
        hintless.similar_to.reset();
        b.changes = {{1, core::question_changed{hintless, false}}, {2, core::question_changed{target, false}},
                     {3, core::question_changed{second, false}}, {4, core::question_changed{first, false}},
                     {5, core::question_changed{incoming, false}}, {6, core::question_changed{nameless, false}}};
        REQUIRE(submit_and_wait(s, b));
        s.stop();
    }
    metrics_registry metrics;
    store::sqlite_event_store reopened(path, metrics);
    const auto sessions = reopened.load();
    const auto& questions = sessions.at("s1").questions;
    REQUIRE(questions.size() == 5);
    std::map<std::string, core::question> by_id;
    for (const auto& q : questions) by_id[q.id] = q;
    target.merged = {"s1.1", "s1.2"};
    CHECK(by_id.at("s1.3") == target);
    CHECK(by_id.at("s1.1") == first);
    CHECK(by_id.at("s1.2") == second);
    CHECK(by_id.at("s1.4") == incoming);
    CHECK(by_id.at("s1.4").similar_to->score == 0.617);
    CHECK(by_id.at("s1.5") == nameless);
}

TEST_CASE("a database made before merges and replies gains their columns, its questions kept") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    {
        store::sqlite_connection db(path);
        db.exec("CREATE TABLE questions (id TEXT PRIMARY KEY, session TEXT NOT NULL, text TEXT NOT NULL, "
                "author_id TEXT NOT NULL, author_name TEXT NOT NULL, anonymous INTEGER NOT NULL, state TEXT NOT NULL, "
                "highlighted INTEGER NOT NULL, edited INTEGER NOT NULL, created_at INTEGER NOT NULL);"
                "INSERT INTO questions VALUES('s1.1', 's1', 'Вопрос', 'anna', 'Анна', 0, 'approved', 0, 0, 5);"
                "PRAGMA user_version = 4;");
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    const auto sessions = s.load();
    REQUIRE(sessions.at("s1").questions.size() == 1);
    const auto& q = sessions.at("s1").questions[0];
    CHECK(q.text == "Вопрос");
    CHECK(q.merged_into.empty());
    CHECK_FALSE(q.similar_to);
    CHECK_FALSE(q.reply);
}

TEST_CASE("a database is fsynced at every commit unless it is a copy made again at every start") {
    test::temp_dir dir;
    const auto synchronous = [](store::sqlite_connection& db) {
        store::sqlite_statement pragma(db.handle(), "PRAGMA synchronous");
        REQUIRE(pragma.next_row());
        return pragma.integer(0);
    };
    store::sqlite_connection kept((dir / "veche.db").string());
    store::prepare_schema(kept);
    CHECK(synchronous(kept) == 2);  // FULL
    store::sqlite_connection copy((dir / "replica.db").string());
    store::prepare_schema(copy, store::durability::copy);
    CHECK(synchronous(copy) == 0);  // OFF
}
