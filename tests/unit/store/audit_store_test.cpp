// The audit trail in the store: appended with the changes it explains,
// append-only, read back as audit.csv page by page; formal polls kept.
#include "core/audit_csv.hpp"
#include "store/audit_reader.hpp"
#include "store/sqlite_event_store.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <future>

using namespace veche;

namespace {

bool submit_and_wait(store::sqlite_event_store& s, const store::write_batch& b) {
    std::promise<bool> done;
    s.append(std::make_shared<store::write_batch>(b), [&](bool ok) { done.set_value(ok); });
    return done.get_future().get();
}

core::poll formal_poll(core::poll_state state) {
    return core::poll{.id = "s1.p1", .session = "s1", .question = "Принять?", .options = {"За", "Против"},
                      .multi = false, .live_results = false, .formal = true, .state = state, .created_at = 5,
                      .counts = {0, 0}, .voters = 0};
}

core::audit_entry entry(core::seq_t seq, std::string actor, std::string action, std::string target) {
    return core::audit_entry{.seq = seq, .at = 1'768'471'200'000 + static_cast<core::epoch_ms>(seq), .actor_id = actor,
                             .actor_name = "Имя " + actor, .actor_role = core::role::moderator,
                             .action = std::move(action), .target = std::move(target), .text_before = "",
                             .text_after = "", .choices = ""};
}

// A batch of one change per entry, as a room hands it over.
store::write_batch audited(std::vector<core::audit_entry> entries, const std::string& session = "s1") {
    store::write_batch b;
    b.session = session;
    b.at = 1'000;
    for (const auto& e : entries) {
        b.changes.push_back({e.seq, core::poll_changed{formal_poll(core::poll_state::open)}});
        b.seq = e.seq;
    }
    b.audit = std::move(entries);
    return b;
}

std::optional<std::string> csv_of(store::audit_reader& reader, const std::string& session, bool with_ballots) {
    std::promise<std::optional<std::string>> done;
    reader.csv(session, with_ballots, [&](std::optional<std::string> csv) { done.set_value(std::move(csv)); });
    return done.get_future().get();
}

std::string expected_csv(const std::vector<core::audit_entry>& entries) {
    auto out = core::audit_csv_head();
    for (const auto& e : entries) core::append_audit_csv_row(out, e);
    return out;
}

}  // namespace

TEST_CASE("the audit trail is written with its batch, read back in order page by page, and never changed") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    s.load();
    s.start();
    auto edit = entry(2, "mod", "moderate.edit", "s1.1");
    edit.text_before = "Как получть грант?";
    edit.text_after = "Как получить грант?";
    auto ballot = entry(4, "p-tver", "poll_vote", "s1.p1");
    ballot.actor_role = core::role::participant;
    ballot.choices = "1. За";
    const std::vector<core::audit_entry> all{entry(1, "mod", "moderate.approve", "s1.1"), edit,
                                             entry(3, "mod", "poll_control.open", "s1.p1"), ballot,
                                             entry(5, "mod", "poll_control.close", "s1.p1")};
    REQUIRE(submit_and_wait(s, audited({all[0], all[1]})));
    REQUIRE(submit_and_wait(s, audited({all[2], all[3], all[4]})));
    REQUIRE(submit_and_wait(s, audited({entry(1, "other", "session_control.live", "s2")}, "s2")));
    CHECK_THAT(metrics.render(), Catch::Contains("veche_store_audit_entries_total 6\n"));
    REQUIRE(submit_and_wait(s, audited({all[2]})));  // written again (as a retried commit would): kept once
    s.stop();

    // Two rows a page: three pages, in order, whole.
    store::audit_reader reader(path, metrics, 2);
    CHECK(csv_of(reader, "s1", true) == expected_csv(all));
    CHECK(csv_of(reader, "s1", false) == expected_csv({all[0], all[1], all[2], all[4]}));  // no ballots
    CHECK(csv_of(reader, "s2", true) == expected_csv({entry(1, "other", "session_control.live", "s2")}));
    CHECK(csv_of(reader, "unknown", true) == core::audit_csv_head());
    CHECK_THAT(metrics.render(), Catch::Contains("veche_audit_exports_total 4\n"));

    store::sqlite_connection db(path);
    CHECK_THROWS_WITH(db.exec("UPDATE audit SET text_before = 'подделка' WHERE seq = 2"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(db.exec("DELETE FROM audit WHERE session = 's1'"), Catch::Contains("append-only"));
    CHECK(csv_of(reader, "s1", true) == expected_csv(all));
}

TEST_CASE("a formal poll stays formal across a reopen, polls of an older database are not") {
    test::temp_dir dir;
    const auto path = (dir / "veche.db").string();
    {
        // As version 7 left a poll: no formal column, no audit table.
        store::sqlite_connection db(path);
        db.exec("CREATE TABLE polls (id TEXT PRIMARY KEY, session TEXT NOT NULL, question TEXT NOT NULL, "
                "options TEXT NOT NULL, multi INTEGER NOT NULL, live_results INTEGER NOT NULL, state TEXT NOT NULL, "
                "created_at INTEGER NOT NULL);"
                "INSERT INTO polls VALUES('s0.p1', 's0', 'Старый опрос', '[\"Да\",\"Нет\"]', 0, 0, 'closed', 1);"
                "PRAGMA user_version = 7;");
    }
    {
        metrics_registry metrics;
        store::sqlite_event_store s(path, metrics);
        CHECK_FALSE(s.load().at("s0").polls.at(0).formal);
        s.start();
        store::write_batch b;
        b.session = "s1";
        b.seq = 1;
        b.changes.push_back({1, core::poll_changed{formal_poll(core::poll_state::draft)}});
        REQUIRE(submit_and_wait(s, b));
    }
    metrics_registry metrics;
    store::sqlite_event_store s(path, metrics);
    const auto sessions = s.load();
    const auto& kept = sessions.at("s1").polls.at(0);
    CHECK(kept.id == "s1.p1");
    CHECK(kept.formal);
    store::audit_reader reader(path, metrics);
    CHECK(csv_of(reader, "s0", true) == core::audit_csv_head());
}
