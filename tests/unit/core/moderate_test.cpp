#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;
using core::moderation_action;
using st = core::question_state;

namespace {

// Puts a fresh question into a state through the moderation actions.
std::string question_in(session_fixture& f, st state) {
    const auto id = f.asked(f.anna, "Вопрос");
    auto act = [&](moderation_action a) { REQUIRE_FALSE(core::moderate(f.model, f.mod, {id, a}, f.now).refused); };
    switch (state) {
        case st::pending: break;
        case st::approved: act(moderation_action::approve); break;
        case st::answered: act(moderation_action::approve); act(moderation_action::answer); break;
        case st::rejected: act(moderation_action::reject); break;
        case st::archived: act(moderation_action::archive); break;
        case st::merged: break;  // see merge_test.cpp
    }
    REQUIRE(f.state_of(id) == state);
    return id;
}

struct transition {
    st from;
    moderation_action action;
    std::optional<st> to;  // nothing: refused with conflict
};

}  // namespace

TEST_CASE("moderate: every action from every state") {
    const std::vector<transition> table{
        {st::pending, moderation_action::approve, st::approved},
        {st::rejected, moderation_action::approve, st::approved},
        {st::approved, moderation_action::approve, st::approved},
        {st::answered, moderation_action::approve, std::nullopt},
        {st::archived, moderation_action::approve, std::nullopt},
        {st::pending, moderation_action::reject, st::rejected},
        {st::approved, moderation_action::reject, st::rejected},
        {st::rejected, moderation_action::reject, st::rejected},
        {st::answered, moderation_action::reject, std::nullopt},
        {st::archived, moderation_action::reject, std::nullopt},
        {st::approved, moderation_action::answer, st::answered},
        {st::answered, moderation_action::answer, st::answered},
        {st::pending, moderation_action::answer, std::nullopt},
        {st::rejected, moderation_action::answer, std::nullopt},
        {st::archived, moderation_action::answer, std::nullopt},
        {st::pending, moderation_action::archive, st::archived},
        {st::approved, moderation_action::archive, st::archived},
        {st::answered, moderation_action::archive, st::archived},
        {st::rejected, moderation_action::archive, st::archived},
        {st::archived, moderation_action::archive, st::archived},
        {st::archived, moderation_action::restore, st::approved},
        {st::answered, moderation_action::restore, st::approved},
        {st::rejected, moderation_action::restore, st::approved},
        {st::approved, moderation_action::restore, st::approved},
        {st::pending, moderation_action::restore, std::nullopt},
        {st::approved, moderation_action::highlight, st::approved},
        {st::pending, moderation_action::highlight, std::nullopt},
        {st::answered, moderation_action::highlight, std::nullopt},
        {st::rejected, moderation_action::highlight, std::nullopt},
        {st::archived, moderation_action::highlight, std::nullopt},
    };
    for (const auto& t : table) {
        session_fixture f;
        const auto id = question_in(f, t.from);
        const auto seq_before = f.model.seq();
        const auto r = core::moderate(f.model, f.mod, {id, t.action}, f.now);
        INFO("from " << core::to_string(t.from) << " action " << static_cast<int>(t.action));
        if (!t.to) {
            REQUIRE(r.refused);
            CHECK(r.refused->code == error_code::conflict);
            CHECK(f.model.seq() == seq_before);
            continue;
        }
        REQUIRE_FALSE(r.refused);
        CHECK(f.state_of(id) == *t.to);
        CHECK(r.ack["question"]["id"] == id);
        CHECK(r.ack["question"]["state"] == core::to_string(*t.to));
        // A no-op changes nothing and uses no sequence number.
        const bool changed = t.from != *t.to || t.action == moderation_action::highlight;
        CHECK(r.changes.size() == (changed ? 1u : 0u));
    }
}

TEST_CASE("moderate: one highlighted question per session") {
    session_fixture f;
    const auto a = f.approved(f.anna, "Первый");
    const auto b = f.approved(f.boris, "Второй");
    REQUIRE_FALSE(core::moderate(f.model, f.mod, {a, moderation_action::highlight}, f.now).refused);
    CHECK(f.model.find(a)->highlighted);
    const auto r = core::moderate(f.model, f.mod, {b, moderation_action::highlight}, f.now);
    REQUIRE(r.changes.size() == 2);  // a loses it, b gets it
    CHECK_FALSE(f.model.find(a)->highlighted);
    CHECK(f.model.find(b)->highlighted);
    CHECK(f.model.highlighted()->id == b);

    REQUIRE_FALSE(core::moderate(f.model, f.mod, {b, moderation_action::answer}, f.now).refused);
    CHECK_FALSE(f.model.find(b)->highlighted);  // answering takes the highlight away
    CHECK(f.model.highlighted() == nullptr);

    REQUIRE_FALSE(core::moderate(f.model, f.mod, {a, moderation_action::highlight}, f.now).refused);
    const auto off = core::moderate(f.model, f.mod, {a, moderation_action::unhighlight}, f.now);
    CHECK(off.changes.size() == 1);
    CHECK_FALSE(f.model.find(a)->highlighted);
    CHECK(core::moderate(f.model, f.mod, {a, moderation_action::unhighlight}, f.now).changes.empty());
}

TEST_CASE("moderate: edit replaces the text and marks it edited") {
    session_fixture f;
    const auto id = f.asked(f.anna, "Почему тарифы растут");
    auto r = core::moderate(f.model, f.mod, {id, moderation_action::edit, "Почему растут тарифы ЖКХ?"}, f.now);
    REQUIRE_FALSE(r.refused);
    CHECK(f.model.find(id)->text == "Почему растут тарифы ЖКХ?");
    CHECK(f.model.find(id)->edited);
    CHECK(r.ack["question"]["edited"] == true);
    CHECK(core::moderate(f.model, f.mod, {id, moderation_action::edit, "Почему растут тарифы ЖКХ?"}, f.now)
              .changes.empty());
    CHECK(core::moderate(f.model, f.mod, {id, moderation_action::edit}, f.now).refused->code ==
          error_code::bad_request);
    CHECK(core::moderate(f.model, f.mod, {id, moderation_action::edit, "  "}, f.now).refused->code ==
          error_code::bad_request);
    CHECK(core::moderate(f.model, f.mod, {id, moderation_action::edit, std::string(501, 'x')}, f.now)
              .refused->code == error_code::too_long);
}

TEST_CASE("moderate: who may do what") {
    session_fixture f;
    const auto id = f.approved(f.anna, "Вопрос");
    CHECK(core::moderate(f.model, f.anna, {id, moderation_action::approve}, f.now).refused->code ==
          error_code::forbidden);
    CHECK(core::moderate(f.model, f.captioner, {id, moderation_action::answer}, f.now).refused->code ==
          error_code::forbidden);
    CHECK(core::moderate(f.model, f.speaker, {id, moderation_action::highlight}, f.now).refused->code ==
          error_code::forbidden);
    auto by_speaker = core::moderate(f.model, f.speaker, {id, moderation_action::answer}, f.now);
    REQUIRE_FALSE(by_speaker.refused);
    CHECK(f.state_of(id) == st::answered);
    CHECK_FALSE(core::moderate(f.model, f.admin, {id, moderation_action::archive}, f.now).refused);

    auto scoped = f.mod;
    scoped.sessions = {"another"};
    CHECK(core::moderate(f.model, scoped, {id, moderation_action::restore}, f.now).refused->code ==
          error_code::forbidden);
    CHECK(core::moderate(f.model, f.mod, {"s1.404", moderation_action::approve}, f.now).refused->code ==
          error_code::not_found);
    // A speaker cannot reach a question that speakers do not see.
    const auto pending = f.asked(f.boris, "Ждёт");
    CHECK(core::moderate(f.model, f.speaker, {pending, moderation_action::answer}, f.now).refused->code ==
          error_code::not_found);
}
