#include "core/participant_timeline.hpp"
#include "core/poll_commands.hpp"
#include "core/transcript_commands.hpp"
#include "core/visibility.hpp"
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::moderation_action;

namespace {

// A session whose every change goes into a timeline, each command its own commit at its own time unless told.
struct recorded_session {
    session_fixture f;
    core::participant_timeline timeline{f.def};
    core::epoch_ms at = 1'768'471'200'000;

    explicit recorded_session(core::moderation_mode mode = core::moderation_mode::pre) : f(mode) {}

    // Records the command's changes as one commit; returns its ack.
    nlohmann::json take(const core::command_result& r, bool same_commit = false) {
        if (r.refused) FAIL("refused: " << r.refused->message);
        if (!same_commit) at += 1000;
        for (const auto& c : r.changes) timeline.add(c, at);
        return r.ack;
    }
    std::string ask(const core::identity& who, const std::string& text, bool anonymous = false) {
        return take(core::ask(f.model, who, text, anonymous, at))["id"];
    }
    void moderate(const std::string& id, moderation_action action) {
        take(core::moderate(f.model, f.mod, {id, action}, f.now));
    }
    nlohmann::json items() const { return nlohmann::json::parse(timeline.items_text()); }
    // The items about one question.
    std::vector<nlohmann::json> about(const std::string& id) const {
        std::vector<nlohmann::json> out;
        for (const auto& item : items())
            if (item["kind"] == "question" && item["data"]["id"] == id) out.push_back(item["data"]);
        return out;
    }
};

}  // namespace

TEST_CASE("a question readers never saw never appears, one they saw leaves as a stub") {
    recorded_session s;
    const auto rejected = s.ask(s.f.anna, "Отклонённый вопрос");
    s.moderate(rejected, moderation_action::reject);
    const auto pending = s.ask(s.f.anna, "Так и не одобрен");
    const auto later = s.ask(s.f.boris, "Одобрен, потом отклонён");
    s.moderate(later, moderation_action::approve);
    s.moderate(later, moderation_action::reject);

    CHECK(s.about(rejected).empty());
    CHECK(s.about(pending).empty());
    const auto seen = s.about(later);
    REQUIRE(seen.size() == 2);
    auto approved = *s.f.model.find(later);
    approved.state = core::question_state::approved;
    CHECK(seen[0] == core::question_json(approved, core::author_view::reader));
    CHECK(seen[0]["text"] == "Одобрен, потом отклонён");
    CHECK(seen[1] == nlohmann::json{{"id", later}, {"session", "s1"}, {"state", "rejected"}});
    // Every item has its seq and the time of its commit, in seq order.
    std::uint64_t last = 0;
    for (const auto& item : s.items()) {
        CHECK(item["seq"].get<std::uint64_t>() > last);
        last = item["seq"];
        CHECK(item["at_ms"].get<core::epoch_ms>() > 1'768'471'200'000);
    }
    CHECK(s.timeline.last_seq() == s.f.model.seq());
}

TEST_CASE("an anonymous question has no author in the timeline, a named one has its author") {
    recorded_session s(core::moderation_mode::post);
    const auto anonymous = s.ask(s.f.anna, "Анонимно", true);
    const auto named = s.ask(s.f.boris, "С именем");
    REQUIRE(s.about(anonymous).size() == 1);
    CHECK(s.about(anonymous)[0]["author"].is_null());
    CHECK(s.about(anonymous)[0]["anonymous"] == true);
    CHECK(s.about(named)[0]["author"] == nlohmann::json{{"id", "boris"}, {"name", "boris"}});
    CHECK(s.timeline.items_text().find("anna") == std::string::npos);
}

TEST_CASE("votes: totals of visible questions only, one item per commit with the seq of its last vote") {
    recorded_session s;
    const auto open = s.ask(s.f.anna, "Одобренный");
    s.moderate(open, moderation_action::approve);
    const auto hidden = s.ask(s.f.anna, "Ждёт модерации");
    s.take(core::vote(s.f.model, s.f.boris, open, true, s.at));
    s.take(core::vote(s.f.model, s.f.speaker, open, true, s.at), true);
    s.take(core::vote(s.f.model, s.f.mod, hidden, true, s.at), true);  // a moderator may vote on a pending one
    s.take(core::vote(s.f.model, s.f.anna, open, true, s.at));

    std::vector<nlohmann::json> votes;
    for (const auto& item : s.items())
        if (item["kind"] == "votes") votes.push_back(item);
    REQUIRE(votes.size() == 2);
    CHECK(votes[0]["data"] == nlohmann::json{{"counts", {{open, 2}}}});
    CHECK(votes[0]["seq"].get<core::seq_t>() == s.f.model.seq() - 1);  // the moderator's vote, last of that commit
    CHECK(votes[1]["data"] == nlohmann::json{{"counts", {{open, 3}}}});
    CHECK(s.timeline.items_text().find(hidden) == std::string::npos);

    // Once it is no longer visible its totals are not shown either.
    s.moderate(open, moderation_action::archive);
    s.take(core::vote(s.f.model, s.f.mod, open, true, s.at));
    CHECK(s.items().back()["kind"] == "question");
}

TEST_CASE("polls: drafts never, results only once public (closed, live, revealed)") {
    recorded_session s;
    const std::string poll = s.take(core::create_poll(s.f.model, s.f.mod, "Куда дальше?", {"Казань", "Томск"}, {false, false}, s.at))["id"];
    CHECK(s.items().empty());
    s.take(core::control_poll(s.f.model, s.f.mod, poll, core::poll_action::open));
    s.take(core::vote_in_poll(s.f.model, s.f.anna, poll, {0}, s.at));
    s.take(core::vote_in_poll(s.f.model, s.f.boris, poll, {1}, s.at), true);
    auto items = s.items();
    REQUIRE(items.size() == 2);
    CHECK(items[0]["data"]["state"] == "open");
    CHECK(items[1]["data"]["voters"] == 2);
    CHECK(items[1]["data"]["results_visible"] == false);
    CHECK(items[1]["data"]["options"][0]["votes"].is_null());
    CHECK(items[1]["seq"].get<core::seq_t>() == s.f.model.seq());

    s.take(core::control_poll(s.f.model, s.f.mod, poll, core::poll_action::reveal));
    CHECK(s.items().back()["data"]["results_visible"] == true);
    CHECK(s.items().back()["data"]["options"][0]["votes"] == 1);
    s.take(core::vote_in_poll(s.f.model, s.f.speaker, poll, {0}, s.at));
    CHECK(s.items().back()["data"]["options"][0]["votes"] == 2);

    const std::string hidden = s.take(core::create_poll(s.f.model, s.f.mod, "Черновик", {"Да", "Нет"}, {false, true}, s.at))["id"];
    CHECK(s.timeline.items_text().find(hidden) == std::string::npos);
    const std::string closed = s.take(core::create_poll(s.f.model, s.f.mod, "Итоги", {"Да", "Нет"}, {false, false}, s.at))["id"];
    s.take(core::control_poll(s.f.model, s.f.mod, closed, core::poll_action::open));
    s.take(core::vote_in_poll(s.f.model, s.f.anna, closed, {1}, s.at));
    CHECK(s.items().back()["data"]["options"][1]["votes"].is_null());
    s.take(core::control_poll(s.f.model, s.f.mod, closed, core::poll_action::close));
    CHECK(s.items().back()["data"]["options"][1]["votes"] == 1);
}

TEST_CASE("transcript finals and session changes are items as they went out") {
    recorded_session s;
    s.take(core::control_session(s.f.model, s.f.mod, core::session_action::live));
    core::transcript_input typing;
    typing.id = "l1";
    typing.text = "Добрый";
    CHECK(s.take(core::post_segment(s.f.model, s.f.captioner, typing, s.at)).is_object());
    auto line = typing;
    line.text = "Добрый день";
    line.final = true;
    line.start_ms = s.at;
    line.end_ms = s.at + 900;
    s.take(core::post_segment(s.f.model, s.f.captioner, line, s.at));
    s.take(core::control_session(s.f.model, s.f.mod, core::session_action::end));

    const auto items = s.items();
    REQUIRE(items.size() == 3);
    CHECK(items[0]["kind"] == "session");
    CHECK(items[0]["data"] == core::session_json(s.f.def, {core::session_state::live, true, core::moderation_mode::pre, std::nullopt}));
    CHECK(items[1]["kind"] == "transcript");
    CHECK(items[1]["data"]["text"] == "Добрый день");
    CHECK(items[1]["data"]["final"] == true);
    CHECK(items[2]["data"]["state"] == "ended");
    // The keys in the order docs/protocol.md lists them.
    CHECK(s.timeline.items_text().rfind(R"([{"seq":)", 0) == 0);
    CHECK(s.timeline.items_text().find(R"(,"at_ms":)") != std::string::npos);
}

TEST_CASE("a merge and a written reply: as participants saw them, no hint ever") {
    recorded_session s;
    const auto target = s.ask(s.f.boris, "Как получить грант на благоустройство двора?");
    s.moderate(target, moderation_action::approve);
    const auto seen = s.ask(s.f.anna, "Гранты на благоустройство дворов — как получить?");
    s.moderate(seen, moderation_action::approve);
    const auto incoming = s.ask(s.f.anna, "Как получить грант на благоустройство дворов?");  // carries a hint
    s.take(core::moderate(s.f.model, s.f.mod, {seen, moderation_action::merge, std::nullopt, target}, s.f.now));
    s.take(core::moderate(s.f.model, s.f.mod, {target, moderation_action::reply, "С 1 марта."}, s.f.now));

    REQUIRE(s.f.model.find(incoming)->similar_to);
    CHECK(s.timeline.items_text().find("similar_to") == std::string::npos);
    CHECK(s.about(incoming).empty());
    const auto merged = s.about(seen);
    REQUIRE(merged.size() == 2);
    CHECK(merged[1] == nlohmann::json{{"id", seen}, {"session", "s1"}, {"state", "merged"}, {"merged_into", target}});
    const auto after = s.about(target);
    CHECK(after.back()["merged"] == nlohmann::json::array({seen}));
    CHECK(after.back()["votes"] == 1);  // anna, who asked the same
    CHECK(after.back()["reply"]["text"] == "С 1 марта.");
}
