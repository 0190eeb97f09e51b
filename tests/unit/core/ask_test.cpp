#include "session_fixture.hpp"

#include <catch2/catch.hpp>

using namespace veche;
using namespace veche::test;
using core::error_code;

TEST_CASE("ask: a new question waits for moderation in pre mode, is approved at once in post mode") {
    session_fixture pre;
    const auto r = core::ask(pre.model, pre.anna, "  Как удержать молодёжь в малых городах?  ", false, pre.now);
    REQUIRE_FALSE(r.refused);
    const auto id = r.ack["id"].get<std::string>();
    const auto* q = pre.model.find(id);
    REQUIRE(q);
    CHECK(q->state == core::question_state::pending);
    CHECK(q->text == "Как удержать молодёжь в малых городах?");
    CHECK(q->author_id == "anna");
    CHECK(q->author_name == "Анна Смирнова");
    CHECK(q->created_at == pre.now);
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].seq == 1);
    CHECK(pre.model.seq() == 1);

    session_fixture post(core::moderation_mode::post);
    const auto id2 = post.asked(post.anna, "Вопрос");
    CHECK(post.state_of(id2) == core::question_state::approved);
}

TEST_CASE("ask: refusals") {
    session_fixture f;
    auto refused = [&](const core::identity& who, const std::string& text) {
        auto r = core::ask(f.model, who, text, false, f.now);
        return r.refused ? r.refused->code : error_code::internal;
    };
    CHECK(refused(f.anna, "   ") == error_code::bad_request);
    CHECK(refused(f.anna, "\u202E\u200B") == error_code::bad_request);  // only invisible characters
    CHECK(refused(f.anna, std::string("\xff\xfe", 2)) == error_code::bad_request);
    CHECK(refused(f.captioner, "Вопрос") == error_code::forbidden);

    auto scoped = f.anna;
    scoped.sessions = {"other"};
    CHECK(refused(scoped, "Вопрос") == error_code::forbidden);

    std::string long_text;
    for (int i = 0; i < 501; ++i) long_text += "ж";
    CHECK(refused(f.anna, long_text) == error_code::too_long);
    CHECK_FALSE(core::ask(f.model, f.boris, long_text.substr(2), false, f.now).refused);  // 500 code points fit

    REQUIRE_FALSE(core::control_session(f.model, f.mod, core::session_action::qa_close).refused);
    CHECK(refused(f.anna, "Вопрос") == error_code::closed);
    REQUIRE_FALSE(core::control_session(f.model, f.mod, core::session_action::qa_open).refused);
    REQUIRE_FALSE(core::control_session(f.model, f.mod, core::session_action::end).refused);
    CHECK(refused(f.anna, "Вопрос") == error_code::closed);
}

TEST_CASE("ask: at most five questions a minute per participant") {
    session_fixture f;
    for (int i = 0; i < 5; ++i) CHECK_FALSE(core::ask(f.model, f.anna, "Вопрос", false, f.now + i).refused);
    auto sixth = core::ask(f.model, f.anna, "Вопрос", false, f.now + 10);
    REQUIRE(sixth.refused);
    CHECK(sixth.refused->code == error_code::rate_limited);
    CHECK_FALSE(core::ask(f.model, f.boris, "Вопрос", false, f.now + 10).refused);  // someone else
    CHECK_FALSE(core::ask(f.model, f.anna, "Вопрос", false, f.now + 60'001).refused);
}

TEST_CASE("ask: the text is cleaned but otherwise kept as written") {
    session_fixture f;
    const auto id = f.asked(f.anna, "<b>Почему</b>\u202e тарифы\u200b растут?\r\nИ когда\x07 остановятся?");
    CHECK(f.model.find(id)->text == "<b>Почему</b> тарифы растут?\nИ когда остановятся?");
    // NFC: "й" written as и + combining breve becomes one code point.
    const auto nfc = f.asked(f.boris, "\u0438\u0306");
    CHECK(f.model.find(nfc)->text == "\u0439");
}
