#include "core/poll_commands.hpp"
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;

namespace {

std::string created(session_fixture& f, bool multi = false, bool live = false) {
    auto r = core::create_poll(f.model, f.mod, "Что важнее для малых городов?", {"Дороги", "Школы", "Рабочие места"},
                               {multi, live}, f.now);
    REQUIRE_FALSE(r.refused);
    return r.ack["id"];
}

}  // namespace

TEST_CASE("polls: draft, open, ballots replacing ballots, closed") {
    session_fixture f;
    const auto id = created(f);
    CHECK(id == "s1.p1");
    const auto* p = f.model.polls().find(id);
    CHECK(p->state == core::poll_state::draft);
    CHECK(core::vote_in_poll(f.model, f.anna, id, {0}, f.now).refused->code == error_code::not_found);  // a draft

    auto opened = core::control_poll(f.model, f.mod, id, core::poll_action::open);
    REQUIRE_FALSE(opened.refused);
    CHECK(opened.ack["poll"]["state"] == "open");
    REQUIRE_FALSE(core::vote_in_poll(f.model, f.anna, id, {0}, f.now).refused);
    REQUIRE_FALSE(core::vote_in_poll(f.model, f.boris, id, {1}, f.now).refused);
    auto again = core::vote_in_poll(f.model, f.anna, id, {2}, f.now);  // anna changes her mind
    REQUIRE(again.changes.size() == 1);
    CHECK(core::vote_in_poll(f.model, f.anna, id, {2}, f.now).changes.empty());
    p = f.model.polls().find(id);
    CHECK(p->counts == std::vector<std::int64_t>{0, 1, 1});
    CHECK(p->voters == 2);

    CHECK(core::vote_in_poll(f.model, f.anna, id, {3}, f.now).refused->code == error_code::bad_request);
    CHECK(core::vote_in_poll(f.model, f.anna, id, {-1}, f.now).refused->code == error_code::bad_request);
    CHECK(core::vote_in_poll(f.model, f.anna, id, {0, 1}, f.now).refused->code == error_code::bad_request);
    CHECK(core::vote_in_poll(f.model, f.anna, id, {}, f.now).refused->code == error_code::bad_request);
    CHECK(core::vote_in_poll(f.model, f.captioner, id, {0}, f.now).refused->code == error_code::forbidden);

    auto closed = core::control_poll(f.model, f.mod, id, core::poll_action::close);
    CHECK(closed.ack["poll"]["options"][1]["votes"] == 1);
    CHECK(core::vote_in_poll(f.model, f.boris, id, {0}, f.now).refused->code == error_code::closed);
    CHECK(core::control_poll(f.model, f.mod, id, core::poll_action::open).refused->code == error_code::conflict);
    CHECK(core::control_poll(f.model, f.mod, id, core::poll_action::close).changes.empty());
}

TEST_CASE("polls: several answers when multi") {
    session_fixture f;
    const auto id = created(f, true);
    core::control_poll(f.model, f.mod, id, core::poll_action::open);
    REQUIRE_FALSE(core::vote_in_poll(f.model, f.anna, id, {2, 0}, f.now).refused);
    CHECK(core::vote_in_poll(f.model, f.anna, id, {1, 1}, f.now).refused->code == error_code::bad_request);
    CHECK(*f.model.polls().ballot_of(id, f.model.participant_key("anna")) == core::ballot{0, 2});
    CHECK(f.model.polls().find(id)->counts == std::vector<std::int64_t>{1, 0, 1});
    CHECK(f.model.ballots_json_of(f.anna)[id] == nlohmann::json::array({0, 2}));
}

TEST_CASE("polls: results are hidden from the audience until closed, unless live") {
    session_fixture f;
    const auto hidden = created(f);
    const auto live = created(f, false, true);
    CHECK(f.model.polls_json_for(f.anna).empty());  // drafts are for moderators
    CHECK(f.model.polls_json_for(f.mod).size() == 2);
    core::control_poll(f.model, f.mod, hidden, core::poll_action::open);
    core::control_poll(f.model, f.mod, live, core::poll_action::open);
    core::vote_in_poll(f.model, f.boris, hidden, {1}, f.now);
    core::vote_in_poll(f.model, f.boris, live, {1}, f.now);
    const auto seen = f.model.polls_json_for(f.anna);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0]["options"][1]["votes"].is_null());
    CHECK(seen[0]["voters"] == 1);
    CHECK(seen[0]["results_visible"] == false);
    CHECK(seen[1]["options"][1]["votes"] == 1);
    CHECK(f.model.polls_json_for(f.mod)[0]["options"][1]["votes"] == 1);
    core::control_poll(f.model, f.mod, hidden, core::poll_action::close);
    CHECK(f.model.polls_json_for(f.anna)[0]["options"][1]["votes"] == 1);
}

TEST_CASE("polls: the moderator reveals an open poll's results to everyone") {
    session_fixture f;
    const auto id = created(f);
    CHECK(core::control_poll(f.model, f.mod, id, core::poll_action::reveal).refused->code == error_code::conflict);
    core::control_poll(f.model, f.mod, id, core::poll_action::open);
    core::vote_in_poll(f.model, f.boris, id, {1}, f.now);
    CHECK(f.model.polls_json_for(f.speaker)[0]["results_visible"] == false);
    CHECK(core::control_poll(f.model, f.speaker, id, core::poll_action::reveal).refused->code == error_code::forbidden);

    auto revealed = core::control_poll(f.model, f.mod, id, core::poll_action::reveal);
    REQUIRE_FALSE(revealed.refused);
    CHECK(revealed.changes.size() == 1);
    CHECK(revealed.ack["poll"]["live_results"] == true);
    for (const auto& who : {f.speaker, f.anna}) {
        const auto seen = f.model.polls_json_for(who)[0];
        CHECK(seen["results_visible"] == true);
        CHECK(seen["options"][1]["votes"] == 1);
    }
    CHECK(core::control_poll(f.model, f.mod, id, core::poll_action::reveal).changes.empty());  // already shown
    core::control_poll(f.model, f.mod, id, core::poll_action::close);
    CHECK(core::control_poll(f.model, f.mod, id, core::poll_action::reveal).changes.empty());
}

TEST_CASE("polls: who may create and control them, and what they hold") {
    session_fixture f;
    CHECK(core::create_poll(f.model, f.anna, "Вопрос", {"Да", "Нет"}, {false, false}, f.now).refused->code ==
          error_code::forbidden);
    CHECK(core::create_poll(f.model, f.mod, "Вопрос", {"Да"}, {false, false}, f.now).refused->code ==
          error_code::bad_request);
    CHECK(core::create_poll(f.model, f.mod, "  ", {"Да", "Нет"}, {false, false}, f.now).refused->code ==
          error_code::bad_request);
    CHECK(core::create_poll(f.model, f.mod, "Вопрос", {"Да", std::string(101, 'x')}, {false, false}, f.now)
              .refused->code == error_code::too_long);
    const auto id = created(f);
    CHECK(core::control_poll(f.model, f.speaker, id, core::poll_action::open).refused->code == error_code::forbidden);
    CHECK(core::control_poll(f.model, f.mod, "s1.p99", core::poll_action::open).refused->code == error_code::not_found);
    CHECK(core::control_poll(f.model, f.mod, id, core::poll_action::close).refused->code == error_code::conflict);
}
