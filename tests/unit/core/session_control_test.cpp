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
