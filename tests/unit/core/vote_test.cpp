#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;

TEST_CASE("vote: once per participant, and taken back with on:false") {
    session_fixture f;
    const auto id = f.approved(f.anna, "Вопрос");
    auto r = core::vote(f.model, f.boris, id, true, f.now);
    REQUIRE_FALSE(r.refused);
    CHECK(r.ack["votes"] == 1);
    CHECK(r.changes.size() == 1);

    r = core::vote(f.model, f.boris, id, true, f.now);
    CHECK(r.ack["votes"] == 1);
    CHECK(r.changes.empty());

    CHECK(core::vote(f.model, f.anna, id, true, f.now).ack["votes"] == 2);
    CHECK(f.model.votes_of(f.anna) == std::vector<std::string>{id});

    r = core::vote(f.model, f.boris, id, false, f.now);
    CHECK(r.ack["votes"] == 1);
    CHECK(r.changes.size() == 1);
    r = core::vote(f.model, f.boris, id, false, f.now);
    CHECK(r.ack["votes"] == 1);
    CHECK(r.changes.empty());
    CHECK(f.model.find(id)->votes == 1);
}

TEST_CASE("vote: only for questions one can see") {
    session_fixture f;
    const auto pending = f.asked(f.anna, "Ждёт модерации");
    auto r = core::vote(f.model, f.boris, pending, true, f.now);
    REQUIRE(r.refused);
    CHECK(r.refused->code == error_code::not_found);
    CHECK_FALSE(core::vote(f.model, f.anna, pending, true, f.now).refused);  // her own
    CHECK_FALSE(core::vote(f.model, f.mod, pending, true, f.now).refused);   // moderators see all
    CHECK(core::vote(f.model, f.boris, "s1.999", true, f.now).refused->code == error_code::not_found);
}

TEST_CASE("vote: refusals by role, scope, session state and rate") {
    core::session_limits limits;
    limits.votes_per_second = 1;
    limits.votes_burst = 3;
    session_fixture f(core::moderation_mode::pre, limits);
    const auto id = f.approved(f.anna, "Вопрос");
    CHECK(core::vote(f.model, f.captioner, id, true, f.now).refused->code == error_code::forbidden);
    auto scoped = f.boris;
    scoped.sessions = {"other"};
    CHECK(core::vote(f.model, scoped, id, true, f.now).refused->code == error_code::forbidden);

    for (int i = 0; i < 3; ++i) CHECK_FALSE(core::vote(f.model, f.boris, id, i % 2 == 0, f.now).refused);
    CHECK(core::vote(f.model, f.boris, id, true, f.now).refused->code == error_code::rate_limited);
    CHECK_FALSE(core::vote(f.model, f.boris, id, true, f.now + 1000).refused);

    REQUIRE_FALSE(core::control_session(f.model, f.mod, core::session_action::end).refused);
    CHECK(core::vote(f.model, f.anna, id, true, f.now + 5000).refused->code == error_code::closed);
}
