#include "common/wall_clock.hpp"
#include "core/change_codec.hpp"
#include "core/visibility.hpp"
#include "store/sqlite_event_store.hpp"
#include "store/store_schema.hpp"
#include "store/timeline_reader.hpp"
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
    q.text = "Вопрос " + id;
    q.author_id = "anna";
    q.author_name = "Анна";
    q.state = state;
    q.created_at = 1'768'471'200'000;
    return q;
}

core::event_definition forum() {
    core::event_definition e;
    e.id = "forum";
    e.sessions.push_back({.id = "s1", .hall = "main", .title = "Сила в людях", .kind = "panel", .starts_at = 0,
                          .ends_at = 0, .speakers = {}, .moderation = core::moderation_mode::pre, .qa_open = true,
                          .seed_questions = {}});
    return e;
}

struct log_row {
    core::seq_t seq;
    core::epoch_ms at;
    core::change change;
};
std::vector<log_row> log_of(const std::string& path, const std::string& session) {
    store::sqlite_connection db(path);
    store::sqlite_statement rows(db.handle(), "SELECT seq, at_ms, change FROM session_log WHERE session = ?1 ORDER BY seq");
    rows.bind(1, session);
    std::vector<log_row> out;
    while (rows.next_row()) {
        auto c = core::change_from_text(rows.text(2));
        REQUIRE(c);
        out.push_back({static_cast<core::seq_t>(rows.integer(0)), rows.integer(1), std::move(*c)});
    }
    return out;
}

nlohmann::json timeline_items(store::timeline_reader& reader, const std::string& session) {
    std::promise<std::shared_ptr<const std::string>> done;
    reader.items(session, [&](std::shared_ptr<const std::string> items) { done.set_value(std::move(items)); });
    const auto items = done.get_future().get();
    return items ? nlohmann::json::parse(*items) : nlohmann::json(nullptr);
}

store::write_batch batch(core::seq_t first, core::epoch_ms at, std::vector<core::change_payload> payloads) {
    store::write_batch b;
    b.session = "s1";
    b.at = at;
    b.status = {core::session_state::live, true, core::moderation_mode::pre, std::nullopt};
    for (auto& p : payloads) b.changes.push_back({first++, std::move(p)});
    b.seq = first - 1;
    return b;
}

}  // namespace

TEST_CASE("the session log keeps each change with its batch's time, of a batch's votes, the last per question") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    s.load();
    s.start();
    const auto first = batch(1, 1'000, {core::question_changed{question("s1.1", core::question_state::approved), false},
                                        core::vote_changed{"s1.1", "boris", true, 1},
                                        core::vote_changed{"s1.1", "vera", true, 2},
                                        core::vote_changed{"s1.2", "vera", true, 1},
                                        core::vote_changed{"s1.1", "boris", false, 1}});
    REQUIRE(submit_and_wait(s, first));
    REQUIRE(submit_and_wait(s, first));  // a retry adds nothing
    core::poll p{.id = "s1.p1", .session = "s1", .question = "?", .options = {"a", "b"}, .multi = false,
                 .live_results = false, .state = core::poll_state::open, .created_at = 0, .counts = {1, 0}, .voters = 1};
    auto p2 = p;
    p2.counts = {1, 1};
    p2.voters = 2;
    REQUIRE(submit_and_wait(s, batch(6, 2'000, {core::ballot_cast{"s1.p1", "anna", {0}, p},
                                                core::ballot_cast{"s1.p1", "boris", {1}, p2},
                                                core::vote_changed{"s1.1", "anna", true, 2}})));
    s.stop();

    const auto rows = log_of(path, "s1");
    std::vector<core::seq_t> seqs;
    for (const auto& r : rows) seqs.push_back(r.seq);
    CHECK(seqs == std::vector<core::seq_t>{1, 4, 5, 7, 8});
    CHECK(rows[0].at == 1'000);
    CHECK(rows[0].change.payload == first.changes[0].payload);
    CHECK(rows[2].change.payload == first.changes[4].payload);  // boris took his vote back: the last total is 1
    CHECK(rows[3].at == 2'000);
    CHECK(std::get<core::ballot_cast>(rows[3].change.payload).after == p2);
}

TEST_CASE("a database of version 4 gains an empty log (its sessions an empty timeline) and room for range corrections") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics);
        s.load();
        s.start();
        REQUIRE(submit_and_wait(s, batch(1, 1'000, {core::question_changed{question("s1.1", core::question_state::approved), false}})));
        s.stop();
        // As version 4 left it: no log.
        store::sqlite_connection db(path);
        db.exec("DROP TABLE session_log; ALTER TABLE sessions DROP COLUMN replay_from_ms; "
                "ALTER TABLE sessions DROP COLUMN replay_to_ms; PRAGMA user_version = 4;");
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    const auto sessions = s.load();
    CHECK(sessions.at("s1").questions.size() == 1);
    store::sqlite_connection db(path);
    store::sqlite_statement version(db.handle(), "PRAGMA user_version");
    REQUIRE(version.next_row());
    CHECK(version.integer(0) == store::schema_version);
    const auto event = forum();
    store::timeline_reader reader(path, event, metrics);
    CHECK(timeline_items(reader, "s1") == nlohmann::json::array());
}

TEST_CASE("the timeline reader renders the log, extends it with what came since, and skips what it cannot read") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    s.load();
    s.start();
    const auto event = forum();
    store::timeline_reader reader(path, event, metrics);
    CHECK(timeline_items(reader, "nope").is_null());

    REQUIRE(submit_and_wait(s, batch(1, 1'000, {core::question_changed{question("s1.1", core::question_state::pending), false},
                                                core::question_changed{question("s1.2", core::question_state::approved), false}})));
    auto items = timeline_items(reader, "s1");
    REQUIRE(items.size() == 1);
    CHECK(items[0] == nlohmann::json{{"seq", 2}, {"at_ms", 1'000}, {"kind", "question"},
                                     {"data", core::question_json(question("s1.2", core::question_state::approved), core::author_view::reader)}});

    {
        store::sqlite_connection db(path);
        db.exec("INSERT INTO session_log VALUES('s1', 3, 1500, '{\"seq\":3,\"type\":\"from_the_future\"}')");
    }
    REQUIRE(submit_and_wait(s, batch(4, 2'000, {core::vote_changed{"s1.2", "boris", true, 1},
                                                core::vote_changed{"s1.1", "boris", true, 1}})));
    items = timeline_items(reader, "s1");
    REQUIRE(items.size() == 2);
    CHECK(items[1] == nlohmann::json{{"seq", 5}, {"at_ms", 2'000}, {"kind", "votes"}, {"data", {{"counts", {{"s1.2", 1}}}}}});
    CHECK(metrics.render().find("veche_store_log_unreadable_total 1") != std::string::npos);
    // Asked again with nothing new: the same rendering, and the bad row is not counted twice.
    CHECK(timeline_items(reader, "s1") == items);
    CHECK(metrics.render().find("veche_store_log_unreadable_total 1") != std::string::npos);
    s.stop();
}
