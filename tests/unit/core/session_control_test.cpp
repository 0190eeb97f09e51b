#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::session_action;

TEST_CASE("session_control: every action") {
    session_fixture f;
    CHECK(f.model.status().state == core::session_state::scheduled);
    auto r = core::control_session(f.model, f.mod, session_action::live);
    REQUIRE(r.changes.size() == 1);
    CHECK(f.model.status().state == core::session_state::live);
    CHECK(r.ack["session"]["state"] == "live");
    CHECK(r.ack["session"]["title"] == "Сила в людях");

    CHECK(core::control_session(f.model, f.mod, session_action::live).changes.empty());
    core::control_session(f.model, f.mod, session_action::qa_close);
    CHECK_FALSE(f.model.status().qa_open);
    core::control_session(f.model, f.mod, session_action::qa_open);
    CHECK(f.model.status().qa_open);
    core::control_session(f.model, f.mod, session_action::moderation_post);
    CHECK(f.model.status().moderation == core::moderation_mode::post);
    CHECK(f.asked(f.anna, "Сразу виден") != "");
    core::control_session(f.model, f.admin, session_action::moderation_pre);
    CHECK(f.model.status().moderation == core::moderation_mode::pre);
    core::control_session(f.model, f.mod, session_action::end);
    CHECK(f.model.status().state == core::session_state::ended);
    core::control_session(f.model, f.mod, session_action::live);  // reopening a session ended by mistake
    CHECK(f.model.status().state == core::session_state::live);
}

TEST_CASE("session_control: moderators only, within their scope") {
    session_fixture f;
    for (const auto* who : {&f.anna, &f.speaker, &f.captioner})
        CHECK(core::control_session(f.model, *who, session_action::live).refused->code == core::error_code::forbidden);
    auto scoped = f.mod;
    scoped.sessions = {"s2"};
    CHECK(core::control_session(f.model, scoped, session_action::end).refused->code == core::error_code::forbidden);
    scoped.sessions = {"s2", "s1"};
    CHECK_FALSE(core::control_session(f.model, scoped, session_action::end).refused);
}

TEST_CASE("replay_range: a moderator corrects an ended session's replay within the hall's recording") {
    session_fixture f;
    const core::replay_reach reach{true, 1'000'000, 9'000'000};
    const auto refused = [&](const core::identity& who, core::epoch_ms from, core::epoch_ms to,
                             const core::replay_reach& known) {
        const auto r = core::correct_replay_range(f.model, who, from, to, known);
        return r.refused ? r.refused->code : core::error_code::internal;
    };
    core::control_session(f.model, f.mod, session_action::live);
    CHECK(refused(f.mod, 2'000'000, 3'000'000, reach) == core::error_code::conflict);  // not ended yet
    core::control_session(f.model, f.mod, session_action::end);
    for (const auto* who : {&f.anna, &f.speaker, &f.captioner})
        CHECK(refused(*who, 2'000'000, 3'000'000, reach) == core::error_code::forbidden);
    CHECK(refused(f.mod, 3'000'000, 3'000'000, reach) == core::error_code::bad_request);
    CHECK(refused(f.mod, 3'000'000, 2'000'000, reach) == core::error_code::bad_request);
    CHECK(refused(f.mod, 999'999, 3'000'000, reach) == core::error_code::bad_request);
    CHECK(refused(f.mod, 2'000'000, 9'000'001, reach) == core::error_code::bad_request);
    CHECK(refused(f.mod, 2'000'000, 3'000'000, {false, 1'000'000, 9'000'000}) == core::error_code::conflict);
    CHECK(refused(f.mod, 2'000'000, 3'000'000, {true, std::nullopt, std::nullopt}) == core::error_code::conflict);
    const auto out = core::correct_replay_range(f.model, f.mod, 999'999, 3'000'000, reach);
    CHECK(out.refused->message == "The range must lie within the hall's recording, from_ms 1000000 to_ms 9000000");

    const auto ok = core::correct_replay_range(f.model, f.admin, 1'240'000, 8'000'000, reach);
    REQUIRE_FALSE(ok.refused);
    REQUIRE(ok.changes.size() == 1);
    CHECK(f.model.status().replay == core::replay_range{1'240'000, 8'000'000});
    CHECK(ok.ack["session"]["replay_range"] == nlohmann::json{{"from_ms", 1'240'000}, {"to_ms", 8'000'000}});
    CHECK(ok.ack["session"]["state"] == "ended");
    // The same again changes nothing; closing Q&A keeps it; going live again drops it.
    CHECK(core::correct_replay_range(f.model, f.mod, 1'240'000, 8'000'000, reach).changes.empty());
    core::control_session(f.model, f.mod, session_action::qa_close);
    CHECK(f.model.status().replay);
    const auto again = core::control_session(f.model, f.mod, session_action::live);
    CHECK_FALSE(f.model.status().replay);
    CHECK(again.ack["session"]["replay_range"].is_null());
}
