// The audit trail as the core writes it: which commands leave an entry, with
// whom, what and when, the text before and after an edit, and formal ballots.
#include "core/audit_csv.hpp"
#include "core/command_dispatch.hpp"
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;

namespace {

// Applies a message as a client would send it (decoded from its JSON text).
core::command_result send(session_fixture& f, const core::identity& who, const nlohmann::json& message) {
    auto decoded = core::decode_client_message(message.dump());
    REQUIRE(std::holds_alternative<core::client_message>(decoded));
    return core::apply_command(f.model, who, std::get<core::client_message>(decoded).payload, f.now++);
}

// The one entry a command left (fails the test when it left none or several).
core::audit_entry entry_of(const core::command_result& r) {
    REQUIRE_FALSE(r.refused);
    REQUIRE(r.audit.size() == 1);
    return r.audit.front();
}

core::identity delegate(std::string id, bool verified) {
    auto who = person(std::move(id), core::role::participant, "Делегат");
    who.affiliation = {"Бежецкий муниципальный округ", "Тверская область", verified};
    return who;
}

std::string formal_poll(session_fixture& f) {
    const auto created = send(f, f.mod, {{"type", "poll_create"}, {"session", "s1"}, {"question", "Принять резолюцию?"},
                                         {"options", {"За", "Против", "Воздержался"}}, {"formal", true}});
    REQUIRE_FALSE(created.refused);
    const std::string id = created.ack["id"];
    REQUIRE_FALSE(send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "open"}}).refused);
    return id;
}

}  // namespace

TEST_CASE("audit: moderation actions name the actor, the action, the question and the time") {
    session_fixture f;
    const auto id = f.asked(f.anna, "Как получить грант?");
    const auto at = f.now;
    const auto approved = send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "approve"}});
    const auto e = entry_of(approved);
    CHECK(e == core::audit_entry{.seq = approved.changes.back().seq, .at = at, .actor_id = "mod", .actor_name = "mod",
                                 .actor_role = core::role::moderator, .action = "moderate.approve", .target = id,
                                 .text_before = "", .text_after = "", .choices = ""});
    CHECK(entry_of(send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "highlight"}})).action ==
          "moderate.highlight");
    const auto answered = entry_of(send(f, f.speaker, {{"type", "moderate"}, {"question", id}, {"action", "answer"}}));
    CHECK(answered.actor_role == core::role::speaker);
    CHECK(answered.action == "moderate.answer");
    for (const auto* action : {"archive", "restore", "reject"})
        CHECK(entry_of(send(f, f.admin, {{"type", "moderate"}, {"question", id}, {"action", action}})).action ==
              std::string("moderate.") + action);
}

TEST_CASE("audit: an edit keeps the text before and after, every time") {
    session_fixture f;
    const auto id = f.asked(f.anna, "Как получть грант на благоустройство?");
    const auto first =
        entry_of(send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "edit"}, {"text", "Как получить грант?"}}));
    CHECK(first.action == "moderate.edit");
    CHECK(first.text_before == "Как получть грант на благоустройство?");
    CHECK(first.text_after == "Как получить грант?");
    const auto second = entry_of(
        send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "edit"}, {"text", "  Как получить грант в 2026?  "}}));
    CHECK(second.text_before == "Как получить грант?");
    CHECK(second.text_after == "Как получить грант в 2026?");  // as stored: trimmed
    CHECK(second.seq > first.seq);
}

TEST_CASE("audit: a written reply keeps the reply before and after, a merge names its target") {
    session_fixture f;
    const auto id = f.asked(f.anna, "Как получить грант на благоустройство?");
    REQUIRE_FALSE(send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "approve"}}).refused);
    const auto first =
        entry_of(send(f, f.speaker, {{"type", "moderate"}, {"question", id}, {"action", "reply"}, {"text", "Через портал."}}));
    CHECK(first.action == "moderate.reply");
    CHECK(first.actor_role == core::role::speaker);
    CHECK(first.text_before.empty());
    CHECK(first.text_after == "Через портал.");
    const auto second =
        entry_of(send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "reply"}, {"text", "Через портал до мая."}}));
    CHECK(second.text_before == "Через портал.");
    CHECK(second.text_after == "Через портал до мая.");

    const auto twin = f.asked(f.boris, "Гранты на благоустройство — как получить?");
    const auto merged = entry_of(send(f, f.mod, {{"type", "moderate"}, {"question", twin}, {"action", "merge"}, {"into", id}}));
    CHECK(merged.action == "moderate.merge");
    CHECK(merged.target == twin);
    CHECK(merged.text_after == id);
}

TEST_CASE("audit: nothing for what changed nothing, was refused, or is not a control") {
    session_fixture f;
    const auto id = f.approved(f.anna, "Вопрос");
    CHECK(send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "approve"}}).audit.empty());  // already
    CHECK(send(f, f.mod, {{"type", "moderate"}, {"question", id}, {"action", "edit"}, {"text", "Вопрос"}}).audit.empty());
    CHECK(send(f, f.anna, {{"type", "moderate"}, {"question", id}, {"action", "reject"}}).audit.empty());  // forbidden
    CHECK(send(f, f.mod, {{"type", "session_control"}, {"session", "s1"}, {"action", "qa_open"}}).audit.empty());
    CHECK(send(f, f.anna, {{"type", "ask"}, {"session", "s1"}, {"text", "Ещё вопрос"}}).audit.empty());
    CHECK(send(f, f.boris, {{"type", "vote"}, {"question", id}, {"on", true}}).audit.empty());

    const auto poll = send(f, f.mod, {{"type", "poll_create"}, {"session", "s1"}, {"question", "Куда?"}, {"options", {"А", "Б"}}});
    const std::string poll_id = poll.ack["id"];
    send(f, f.mod, {{"type", "poll_control"}, {"poll", poll_id}, {"action", "open"}});
    // An ordinary ballot is nobody's business: counts only.
    const auto ballot = send(f, f.anna, {{"type", "poll_vote"}, {"poll", poll_id}, {"choices", {1}}});
    REQUIRE_FALSE(ballot.refused);
    CHECK(ballot.audit.empty());
}

TEST_CASE("audit: session controls and poll controls") {
    session_fixture f;
    const auto live = entry_of(send(f, f.mod, {{"type", "session_control"}, {"session", "s1"}, {"action", "live"}}));
    CHECK(live.action == "session_control.live");
    CHECK(live.target == "s1");
    CHECK(entry_of(send(f, f.mod, {{"type", "session_control"}, {"session", "s1"}, {"action", "qa_close"}})).action ==
          "session_control.qa_close");

    const auto created = send(f, f.mod, {{"type", "poll_create"}, {"session", "s1"}, {"question", "Что важнее?"},
                                         {"options", {"Дороги", "Школы"}}, {"live_results", true}});
    const auto c = entry_of(created);
    CHECK(c.action == "poll_create");
    CHECK(c.target == created.ack["id"]);
    CHECK(c.text_after == "Что важнее?");
    CHECK(c.choices == "1. Дороги; 2. Школы");
    const std::string id = created.ack["id"];
    CHECK(entry_of(send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "open"}})).action == "poll_control.open");
    send(f, f.anna, {{"type", "poll_vote"}, {"poll", id}, {"choices", {1}}});
    send(f, f.boris, {{"type", "poll_vote"}, {"poll", id}, {"choices", {1}}});
    const auto closed = entry_of(send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "close"}}));
    CHECK(closed.action == "poll_control.close");
    CHECK(closed.choices == "1. Дороги: 0; 2. Школы: 2");  // the final result
    CHECK(send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "reveal"}}).audit.empty());
}

TEST_CASE("audit: a corrected replay range, before and after, as ISO 8601 intervals") {
    session_fixture f;
    const core::replay_reach reach{true, 1'768'471'200'000, 1'768'476'600'000};
    const auto correct = [&](core::epoch_ms from, core::epoch_ms to) {
        auto decoded = core::decode_client_message(nlohmann::json{{"type", "session_control"}, {"session", "s1"},
                                                                  {"action", "replay_range"}, {"from_ms", from},
                                                                  {"to_ms", to}}.dump());
        REQUIRE(std::holds_alternative<core::client_message>(decoded));
        return core::apply_command(f.model, f.mod, std::get<core::client_message>(decoded).payload, f.now, reach);
    };
    send(f, f.mod, {{"type", "session_control"}, {"session", "s1"}, {"action", "live"}});
    send(f, f.mod, {{"type", "session_control"}, {"session", "s1"}, {"action", "end"}});
    const auto first = entry_of(correct(1'768'471'440'000, 1'768'476'000'000));
    CHECK(first.action == "session_control.replay_range");
    CHECK(first.target == "s1");
    CHECK(first.text_before.empty());  // the recording's own range until then
    CHECK(first.text_after == "2026-01-15T10:04:00.000Z/2026-01-15T11:20:00.000Z");
    const auto second = entry_of(correct(1'768'471'500'500, 1'768'476'000'000));
    CHECK(second.text_before == first.text_after);
    CHECK(second.text_after == "2026-01-15T10:05:00.500Z/2026-01-15T11:20:00.000Z");
}

TEST_CASE("formal polls: verified delegates only, one final ballot each, every ballot audited") {
    session_fixture f;
    const auto tver = delegate("tver", true);
    const auto self_declared = delegate("joined", false);
    const auto id = formal_poll(f);
    CHECK(f.model.polls().find(id)->formal);
    CHECK(f.model.polls_json_for(f.anna)[0]["formal"] == true);

    const auto refused = send(f, self_declared, {{"type", "poll_vote"}, {"poll", id}, {"choices", {0}}});
    REQUIRE(refused.refused);
    CHECK(refused.refused->code == core::error_code::forbidden);
    CHECK(refused.refused->message.find("verified") != std::string::npos);
    CHECK(send(f, f.anna, {{"type", "poll_vote"}, {"poll", id}, {"choices", {0}}}).refused->code ==
          core::error_code::forbidden);  // no claims at all
    CHECK(send(f, f.mod, {{"type", "poll_vote"}, {"poll", id}, {"choices", {0}}}).refused->code ==
          core::error_code::forbidden);  // staff are not delegates

    const auto cast = send(f, tver, {{"type", "poll_vote"}, {"poll", id}, {"choices", {2}}});
    const auto ballot = entry_of(cast);
    CHECK(ballot.is_ballot());
    CHECK(ballot.actor_id == "tver");
    CHECK(ballot.target == id);
    CHECK(ballot.choices == "3. Воздержался");
    // Final: not again, not even the same choice.
    for (int choice : {0, 2}) {
        const auto again = send(f, tver, {{"type", "poll_vote"}, {"poll", id}, {"choices", {choice}}});
        REQUIRE(again.refused);
        CHECK(again.refused->code == core::error_code::conflict);
    }
    CHECK(f.model.polls().find(id)->counts == std::vector<std::int64_t>{0, 0, 1});

    const auto closed = entry_of(send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "close"}}));
    CHECK(closed.choices == "1. За: 0; 2. Против: 0; 3. Воздержался: 1");
    // Final once closed: no reopening, no late ballot.
    CHECK(send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "open"}}).refused->code ==
          core::error_code::conflict);
    CHECK(send(f, delegate("late", true), {{"type", "poll_vote"}, {"poll", id}, {"choices", {0}}}).refused->code ==
          core::error_code::closed);
}

TEST_CASE("formal polls: the creation says so, and a multi-choice ballot lists every choice") {
    session_fixture f;
    const auto created = send(f, f.mod, {{"type", "poll_create"}, {"session", "s1"}, {"question", "Приоритеты"},
                                         {"options", {"Дороги", "Школы", "Связь"}}, {"multi", true}, {"formal", true}});
    CHECK(entry_of(created).action == "poll_create.formal");
    const std::string id = created.ack["id"];
    send(f, f.mod, {{"type", "poll_control"}, {"poll", id}, {"action", "open"}});
    CHECK(entry_of(send(f, delegate("tver", true), {{"type", "poll_vote"}, {"poll", id}, {"choices", {2, 0}}})).choices ==
          "1. Дороги; 3. Связь");
}

TEST_CASE("audit.csv: BOM, header, times with milliseconds, and cells a spreadsheet would run are defused") {
    auto out = core::audit_csv_head();
    core::append_audit_csv_row(out, {.seq = 3, .at = 1'768'471'200'000, .actor_id = "mod-1", .actor_name = "=HYPERLINK(\"x\")",
                                     .actor_role = core::role::moderator, .action = "moderate.edit", .target = "s1.4",
                                     .text_before = "Было, «так»", .text_after = "+7 стало\r\nтак", .choices = ""});
    CHECK(out == "\xEF\xBB\xBF"
                 "time,actor_id,actor_name,role,action,target_id,text_before,text_after,choices\r\n"
                 "2026-01-15T10:00:00.000Z,mod-1,\"'=HYPERLINK(\"\"x\"\")\",moderator,moderate.edit,s1.4,"
                 "\"Было, «так»\",\"'+7 стало\r\nтак\",\r\n");
}
